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
    config = config == null ? new Config(null, null) : config;
    xds = xds == null ? new Xds(null, null, null, null, null) : xds;
    bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress;
    accessLog = accessLog == null ? new AccessLog(true) : accessLog;
  }

  /**
   * @param file the YAML file; empty means the built-in default configuration
   * @param watchInterval how often the file is checked for changes
   */
  public record Config(String file, Duration watchInterval) {
    public Config {
      watchInterval = watchInterval == null ? Duration.ofMillis(200) : watchInterval;
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
