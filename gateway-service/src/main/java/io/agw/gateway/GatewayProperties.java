package io.agw.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's process settings (Spring properties, environment variables or command-line flags);
 * the traffic configuration itself comes from the YAML file or the control service.
 *
 * @param config where the configuration comes from
 * @param bindAddress the address every traffic port listens on
 * @param accessLog the access log
 * @param xds the control service to take the configuration from, instead of the file
 */
@ConfigurationProperties("agw")
public record GatewayProperties(Config config, String bindAddress, AccessLog accessLog, Xds xds) {

  public GatewayProperties {
    config = config == null ? new Config(null, null, null, null) : config;
    xds = xds == null ? new Xds(null, null, null, null, null) : xds;
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress;
    accessLog = accessLog == null ? new AccessLog(true) : accessLog;
  }

  /**
   * @param file the YAML file; empty means the built-in default configuration
   * @param watchInterval how often the file is checked for changes
   * @param settleInterval how long a changed file must read the same before it is applied, so that
   *     a file caught while being written is never applied; zero applies the first read
   * @param emptySettleInterval how long a changed file that would leave a non-empty configuration
   *     empty (for example a file truncated before it is written again) must read the same before
   *     it is applied; never shorter than {@code settleInterval}
   */
  public record Config(
      String file, Duration watchInterval, Duration settleInterval, Duration emptySettleInterval) {
    public Config {
      watchInterval = watchInterval == null ? Duration.ofMillis(200) : watchInterval;
      settleInterval = settleInterval == null ? Duration.ofMillis(100) : settleInterval;
      emptySettleInterval =
          emptySettleInterval == null ? Duration.ofSeconds(2) : emptySettleInterval;
    }
  }

  /**
   * @param enabled whether a JSON line is logged per request (logger {@code agw.access})
   */
  public record AccessLog(boolean enabled) {}

  /**
   * The control service's delta xDS stream. When {@code address} is set, it is the gateway's only
   * source of configuration and the YAML file is not read.
   *
   * @param address the control service's gRPC address, {@code host:port}
   * @param gateway the name of this gateway's {@code Gateway} resource
   * @param namespace the namespace of that resource ({@code default} when empty)
   * @param initialBackoff the first wait before reconnecting after the stream is lost
   * @param maxBackoff the longest wait between reconnection attempts
   */
  public record Xds(
      String address,
      String gateway,
      String namespace,
      Duration initialBackoff,
      Duration maxBackoff) {
    public Xds {
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
      maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }

    public boolean enabled() {
      return address != null && !address.isBlank();
    }

    /** The node id the control service knows this gateway by: {@code <namespace>/<gateway>}. */
    public String nodeId() {
      return namespace + "/" + gateway;
    }
  }
}
