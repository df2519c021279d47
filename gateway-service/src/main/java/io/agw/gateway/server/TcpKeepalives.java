package io.agw.gateway.server;

import io.agw.model.resource.v1.FrontendTcp;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code frontendPolicies.tcp.keepalives} to an accepted connection: {@code SO_KEEPALIVE}
 * and the kernel's {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTVL} and {@code TCP_KEEPCNT}, through
 * Netty's native epoll options when the connection uses that transport, else through the JDK's
 * extended socket options. Stateless.
 */
final class TcpKeepalives {

  private static final Logger log = LoggerFactory.getLogger(TcpKeepalives.class);
  private static final String EPOLL = "io.netty.channel.epoll.EpollChannelOption#";

  private TcpKeepalives() {}

  static void apply(Channel channel, FrontendTcp tcp) {
    ChannelConfig config = channel.config();
    config.setOption(ChannelOption.SO_KEEPALIVE, tcp.getKeepalive());
    if (!tcp.getKeepalive()) {
      return;
    }
    int idle = (int) tcp.getKeepaliveTime().getSeconds();
    int interval = (int) tcp.getKeepaliveInterval().getSeconds();
    int count = tcp.getKeepaliveRetries();
    boolean applied =
        set(config, "TCP_KEEPIDLE", ExtendedSocketOptions.TCP_KEEPIDLE, idle)
            & set(config, "TCP_KEEPINTVL", ExtendedSocketOptions.TCP_KEEPINTERVAL, interval)
            & set(config, "TCP_KEEPCNT", ExtendedSocketOptions.TCP_KEEPCOUNT, count);
    if (!applied) {
      log.debug("TCP keepalive timings are not supported by the transport of {}", channel);
    }
  }

  private static boolean set(
      ChannelConfig config, String epollName, SocketOption<Integer> jdkOption, int value) {
    if (ChannelOption.exists(EPOLL + epollName)) {
      ChannelOption<Integer> epoll = ChannelOption.valueOf(EPOLL + epollName);
      if (config.setOption(epoll, value)) {
        return true;
      }
    }
    return config.setOption(NioChannelOption.of(jdkOption), value);
  }
}
