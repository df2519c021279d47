package io.agw.model.config;

import java.time.Duration;

/**
 * The process settings of the file's {@code config} block: what agentgateway reads once at start
 * (listen addresses, drain deadlines, threads, name resolution, upstream connection defaults).
 * Every field is null when the file does not set it, so that the gateway's own defaults and its
 * Spring properties apply.
 *
 * @param adminAddr {@code config.adminAddr}
 * @param statsAddr {@code config.statsAddr}: where Prometheus scrapes the gateway's metrics
 * @param readinessAddr {@code config.readinessAddr}: where the readiness probe is served
 * @param terminationDeadline {@code config.connectionTerminationDeadline}: the longest a drain
 *     waits for in-flight requests before cutting their connections
 * @param minTerminationDeadline {@code config.connectionMinTerminationDeadline}: how long a drain
 *     keeps accepting connections (answering with {@code Connection: close}) before it stops
 * @param workerThreads {@code config.workerThreads} resolved to a thread count
 * @param enableIpv6 {@code config.enableIpv6}
 * @param lookupFamily {@code config.dns.lookupFamily}
 * @param edns0 {@code config.dns.edns0}
 * @param backend {@code config.backend}
 * @param localXdsPath {@code config.localXdsPath}, as written
 * @param mcpSessionTtl {@code config.mcp.sessionTtl}
 */
public record ProcessSettings(
    ListenAddress adminAddr,
    ListenAddress statsAddr,
    ListenAddress readinessAddr,
    Duration terminationDeadline,
    Duration minTerminationDeadline,
    Integer workerThreads,
    Boolean enableIpv6,
    LookupFamily lookupFamily,
    Boolean edns0,
    Upstream backend,
    String localXdsPath,
    Duration mcpSessionTtl,
    HistogramMode histograms) {

  /** A file that sets none of them. */
  public static final ProcessSettings NONE =
      new ProcessSettings(
          null, null, null, null, null, null, null, null, null, Upstream.NONE, null, null, null);

  /**
   * An address to listen on: {@code host:port}, or off.
   *
   * @param host an IP address ({@code localhost} is written {@code 127.0.0.1}); null when off
   * @param port the port; -1 when off
   */
  public record ListenAddress(String host, int port) {

    /** agentgateway's {@code off}: nothing listens. */
    public static final ListenAddress OFF = new ListenAddress(null, -1);

    public boolean off() {
      return port < 0;
    }

    @Override
    public String toString() {
      return off() ? "off" : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * agentgateway's {@code config.histograms}: which representation the request-duration histogram
   * is collected in. Native histograms are exposed only in the Prometheus protobuf format.
   */
  public enum HistogramMode {
    CLASSIC,
    NATIVE,
    BOTH
  }

  /** agentgateway's {@code DnsLookupFamily}. */
  public enum LookupFamily {
    ALL,
    AUTO,
    V4_PREFERRED,
    V4_ONLY,
    V6_ONLY
  }

  /**
   * {@code config.backend}; each field null when not set.
   *
   * @param keepalives whether TCP keepalive probes are sent ({@code keepalives.enabled})
   * @param keepaliveTime idle time before the first probe
   * @param keepaliveInterval time between probes
   * @param keepaliveRetries unanswered probes before the connection is dropped
   * @param connectTimeout the longest a connection to an upstream may take to open
   * @param poolIdleTimeout how long an idle pooled connection is kept
   * @param poolMaxSize the most connections kept per upstream host
   */
  public record Upstream(
      Boolean keepalives,
      Duration keepaliveTime,
      Duration keepaliveInterval,
      Integer keepaliveRetries,
      Duration connectTimeout,
      Duration poolIdleTimeout,
      Integer poolMaxSize) {

    /** No {@code config.backend}. */
    public static final Upstream NONE = new Upstream(null, null, null, null, null, null, null);
  }
}
