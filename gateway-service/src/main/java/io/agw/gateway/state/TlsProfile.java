package io.agw.gateway.state;

import io.agw.model.resource.v1.FrontendTls;
import io.agw.model.resource.v1.ListenerTls;
import io.agw.model.resource.v1.TlsVersion;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS versions and cipher suites a listener accepts: {@code frontendPolicies.tls}'s value of
 * each field where set, else the listener's own ({@code tls.minTlsVersion}, {@code maxTlsVersion},
 * {@code cipherSuites}), else the JDK's defaults. A client offering nothing in range fails the
 * handshake. The ALPN protocols offered are {@code frontendPolicies.tls.alpn}'s, else h2 then
 * http/1.1; a client offering none of them (or no ALPN) is served HTTP/1.1.
 *
 * @param protocols JSSE protocol names, or empty for the JDK's defaults
 * @param cipherSuites IANA names in order of preference, or empty for the JDK's defaults
 * @param alpn ALPN protocol names in order of preference, or empty to offer none
 * @param keyExchangeGroups OpenSSL group names ({@code frontendPolicies.tls}'s when set, else the
 *     listener's), or empty for the defaults. Set: the context is built on OpenSSL (BoringSSL),
 *     because the JDK's TLS chooses named groups per process only; every other listener context
 *     stays on the JDK's provider.
 */
record TlsProfile(
    List<String> protocols,
    List<String> cipherSuites,
    List<String> alpn,
    List<String> keyExchangeGroups) {

  /** What the ports offer when {@code frontendPolicies.tls.alpn} is not set. */
  static final List<String> DEFAULT_ALPN =
      List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

  /** The ALPN protocols a port offers under these frontend policies. */
  static List<String> alpn(FrontendTls frontend) {
    return frontend.getAlpnSet() ? List.copyOf(frontend.getAlpnList()) : DEFAULT_ALPN;
  }

  static TlsProfile of(ListenerTls listener, FrontendTls frontend) {
    TlsVersion min = either(frontend.getMinVersion(), listener.getMinVersion());
    TlsVersion max = either(frontend.getMaxVersion(), listener.getMaxVersion());
    List<String> protocols = new ArrayList<>();
    if (min != TlsVersion.TLS_VERSION_UNSPECIFIED || max != TlsVersion.TLS_VERSION_UNSPECIFIED) {
      for (TlsVersion v : List.of(TlsVersion.TLS_V1_2, TlsVersion.TLS_V1_3)) {
        boolean aboveMin =
            min == TlsVersion.TLS_VERSION_UNSPECIFIED || v.getNumber() >= min.getNumber();
        boolean belowMax =
            max == TlsVersion.TLS_VERSION_UNSPECIFIED || v.getNumber() <= max.getNumber();
        if (aboveMin && belowMax) {
          protocols.add(v == TlsVersion.TLS_V1_2 ? "TLSv1.2" : "TLSv1.3");
        }
      }
      if (protocols.isEmpty()) {
        // A listener's minimum above the frontend's maximum (each valid on its own).
        throw new IllegalArgumentException(
            "no TLS version is between the minimum " + min + " and the maximum " + max);
      }
    }
    List<String> suites =
        frontend.getCipherSuitesCount() > 0
            ? frontend.getCipherSuitesList()
            : listener.getCipherSuitesList();
    List<String> groups =
        frontend.getKeyExchangeGroupsCount() > 0
            ? frontend.getKeyExchangeGroupsList()
            : listener.getKeyExchangeGroupsList();
    if (!groups.isEmpty() && suites.stream().anyMatch(s -> !s.contains("_WITH_"))) {
      // Each block is checked at load; this is the listener's suites under the frontend's groups
      // (or the reverse). BoringSSL always offers its three TLS 1.3 suites.
      throw new IllegalArgumentException(
          "TLS 1.3 cipher suites cannot be restricted together with keyExchangeGroups (which need"
              + " BoringSSL: it always offers its three TLS 1.3 suites)");
    }
    return new TlsProfile(
        List.copyOf(protocols), List.copyOf(suites), alpn(frontend), List.copyOf(groups));
  }

  private static TlsVersion either(TlsVersion preferred, TlsVersion fallback) {
    return preferred != TlsVersion.TLS_VERSION_UNSPECIFIED ? preferred : fallback;
  }

  void configure(SslContextBuilder builder) {
    if (keyExchangeGroups.isEmpty()) {
      builder.sslProvider(SslProvider.JDK);
    } else {
      builder
          .sslProvider(SslProvider.OPENSSL)
          .option(OpenSslContextOption.GROUPS, keyExchangeGroups.toArray(String[]::new));
    }
    if (!protocols.isEmpty()) {
      builder.protocols(protocols);
    }
    if (!cipherSuites.isEmpty()) {
      builder.ciphers(cipherSuites);
    }
    if (!alpn.isEmpty()) {
      // No common protocol: the handshake goes on without ALPN and the client is served HTTP/1.1.
      builder.applicationProtocolConfig(
          new ApplicationProtocolConfig(
              ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
              alpn));
    }
  }
}
