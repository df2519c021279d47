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
 */
@ConfigurationProperties("agw")
public record GatewayProperties(Config config, String bindAddress, AccessLog accessLog) {

  public GatewayProperties {
    config = config == null ? new Config(null, null) : config;
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
}
