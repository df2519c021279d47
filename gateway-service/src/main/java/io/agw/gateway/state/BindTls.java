package io.agw.gateway.state;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import reactor.netty.tcp.SslProvider;

/**
 * The server TLS of one port: a certificate (and client CA) per HTTPS listener, chosen by the
 * server name the client sends (SNI). Immutable; the port's server consults the current value for
 * each new connection, so a reload that changes certificates needs no rebind.
 *
 * @param certificates one per listener, most specific hostname first
 * @param fallback used when the client sends no server name or one no listener matches: the
 *     listener without hostname (or {@code *}), else the first listener
 */
public record BindTls(List<SniCertificate> certificates, SniCertificate fallback) {

  /** agentgateway's default of {@code frontendPolicies.tls.handshakeTimeout}. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

  public BindTls {
    certificates =
        certificates.stream().sorted(Comparator.comparing(SniCertificate::specificity)).toList();
  }

  /**
   * A listener's TLS context and the host names it answers.
   *
   * @param listener the listener's name
   * @param hostname exact ({@code a.example}), wildcard ({@code *.example}: one or more labels) or
   *     empty / {@code *} for any
   * @param context the server context (with the client CA when mTLS is required)
   * @param handshakeTimeout how long a handshake may take ({@code
   *     frontendPolicies.tls.handshakeTimeout})
   * @param provider reactor-netty's wrapper of {@code context}, built once
   */
  public record SniCertificate(
      String listener,
      String hostname,
      SslContext context,
      Duration handshakeTimeout,
      SslProvider provider) {

    public SniCertificate(String listener, String hostname, SslContext context) {
      this(listener, hostname, context, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public SniCertificate(
        String listener, String hostname, SslContext context, Duration handshakeTimeout) {
      this(
          listener,
          hostname == null ? "" : hostname.toLowerCase(Locale.ROOT),
          context,
          handshakeTimeout,
          SslProvider.builder().sslContext(context).handshakeTimeout(handshakeTimeout).build());
    }

    boolean matches(String serverName) {
      if (hostname.isEmpty() || hostname.equals("*")) {
        return true;
      }
      if (hostname.startsWith("*.")) {
        return serverName.endsWith(hostname.substring(1));
      }
      return serverName.equals(hostname);
    }

    /** Exact names first, then longer wildcard suffixes, then catch-alls. */
    private int specificity() {
      if (hostname.isEmpty() || hostname.equals("*")) {
        return Integer.MAX_VALUE;
      }
      return hostname.startsWith("*.") ? 1_000_000 - hostname.length() : 0;
    }
  }

  /** The certificate for a client's server name (null when the client sent none). */
  public SniCertificate select(String serverName) {
    if (serverName == null || serverName.isEmpty()) {
      return fallback;
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    for (SniCertificate c : certificates) {
      if (c.matches(name)) {
        return c;
      }
    }
    return fallback;
  }
}
