package io.agw.gateway.process;

import io.agw.model.config.ProcessSettings.LookupFamily;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.ResolvedAddressTypes;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import reactor.netty.http.client.HttpClient;

/**
 * The process-wide defaults of every upstream connection (agentgateway's {@code config.backend}
 * keepalives, {@code config.dns}, {@code config.enableIpv6}, {@code config.workerThreads}), applied
 * to Spring Cloud Gateway's HTTP client, which every backend's client derives from. The connect
 * timeout and the pool are Spring Cloud Gateway's own properties ({@link
 * ProcessSettingsEnvironment}).
 *
 * @param keepalive TCP keepalive probes on upstream connections
 * @param keepaliveTime idle time before the first probe
 * @param keepaliveInterval time between probes
 * @param keepaliveRetries unanswered probes before the connection is dropped
 * @param enableIpv6 whether host names may resolve to IPv6 addresses
 * @param lookupFamily which address families host names resolve to; null for {@code Auto}
 * @param edns0 whether DNS queries carry the EDNS0 record; null for the resolver's default (on)
 * @param loops the worker loops, or null for reactor-netty's defaults
 */
record UpstreamConnections(
    boolean keepalive,
    Duration keepaliveTime,
    Duration keepaliveInterval,
    int keepaliveRetries,
    boolean enableIpv6,
    LookupFamily lookupFamily,
    Boolean edns0,
    WorkerLoops loops)
    implements HttpClientCustomizer {

  @Override
  public HttpClient customize(HttpClient client) {
    HttpClient out = client.option(ChannelOption.SO_KEEPALIVE, keepalive);
    if (keepalive) {
      out = out.doOnChannelInit((observer, channel, remote) -> keepaliveTimers(channel));
    }
    ResolvedAddressTypes types = addressTypes();
    if (types != null || edns0 != null) {
      out =
          out.resolver(
              spec -> {
                if (types != null) {
                  spec.resolvedAddressTypes(types);
                }
                if (edns0 != null) {
                  spec.disableOptionalRecord(!edns0);
                }
              });
    }
    if (loops.loops() != null) {
      out = out.runOn(loops.loops());
    }
    return out;
  }

  /**
   * Sets the probe timers on the channel's own transport: reactor-netty runs on epoll where it can,
   * on NIO elsewhere, and each ignores the other's options.
   */
  private void keepaliveTimers(Channel channel) {
    ChannelConfig config = channel.config();
    if (channel instanceof EpollSocketChannel) {
      config.setOption(EpollChannelOption.TCP_KEEPIDLE, seconds(keepaliveTime));
      config.setOption(EpollChannelOption.TCP_KEEPINTVL, seconds(keepaliveInterval));
      config.setOption(EpollChannelOption.TCP_KEEPCNT, keepaliveRetries);
    } else if (channel instanceof NioSocketChannel) {
      config.setOption(
          NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds(keepaliveTime));
      config.setOption(
          NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), seconds(keepaliveInterval));
      config.setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepaliveRetries);
    }
  }

  /** agentgateway's lookup strategy as Netty's resolver's; null for the resolver's default. */
  ResolvedAddressTypes addressTypes() {
    LookupFamily family = lookupFamily == null ? LookupFamily.AUTO : lookupFamily;
    return switch (family) {
      case AUTO -> enableIpv6 ? null : ResolvedAddressTypes.IPV4_ONLY;
      case ALL, V4_PREFERRED -> ResolvedAddressTypes.IPV4_PREFERRED;
      case V4_ONLY -> ResolvedAddressTypes.IPV4_ONLY;
      case V6_ONLY -> ResolvedAddressTypes.IPV6_ONLY;
    };
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
  }
}
