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
 * @param server the limits every traffic port puts on its client connections
 */
@ConfigurationProperties("agw")
public record GatewayProperties(
    Config config, String bindAddress, AccessLog accessLog, Xds xds, Server server) {

  public GatewayProperties {
    config = config == null ? new Config(null, null, null, null, null) : config;
    server = server == null ? new Server(null, null, null, null) : server;
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
   * @param overlayPollInterval how often the configuration overlay is read from the database in
   *     {@code config.storage.mode: hybrid}, so that an overlay written through another replica is
   *     applied here too
   */
  public record Config(
      String file,
      Duration watchInterval,
      Duration settleInterval,
      Duration emptySettleInterval,
      Duration overlayPollInterval) {
    public Config {
      overlayPollInterval =
          overlayPollInterval == null ? Duration.ofSeconds(2) : overlayPollInterval;
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

  /**
   * Limits on the client side of every traffic port (each bind port applies them on its own), so
   * that a client that stops sending cannot hold a connection forever. They bound how long the
   * gateway waits for the client, never how long a response takes: a long LLM or MCP stream is not
   * cut by them.
   *
   * @param headerReadTimeout the longest time from the first byte of a request to the end of its
   *     head (request line and headers); then 408 and the connection is closed (nginx's {@code
   *     client_header_timeout})
   * @param bodyReadTimeout the longest gap between two reads of a request body; then the connection
   *     is closed (nginx's {@code client_body_timeout})
   * @param http1IdleTimeout how long a connection may stay open without a request in progress: from
   *     the connection's opening to the first request, and between keep-alive requests
   *     (agentgateway's {@code frontendPolicies.http.http1IdleTimeout}, nginx's {@code
   *     keepalive_timeout})
   * @param maxConnections the most connections one traffic port keeps open at once; a connection
   *     beyond it is closed as soon as it is accepted ({@code 0}: no limit)
   */
  public record Server(
      Duration headerReadTimeout,
      Duration bodyReadTimeout,
      Duration http1IdleTimeout,
      Integer maxConnections) {
    public Server {
      headerReadTimeout = positive(headerReadTimeout, Duration.ofSeconds(60));
      bodyReadTimeout = positive(bodyReadTimeout, Duration.ofSeconds(60));
      http1IdleTimeout = positive(http1IdleTimeout, Duration.ofSeconds(75));
      maxConnections = maxConnections == null ? 10_000 : Math.max(0, maxConnections);
    }

    private static Duration positive(Duration value, Duration fallback) {
      return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
  }
}
