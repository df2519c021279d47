package io.agw.model.config.mapping;

import io.agw.model.config.yaml.ListenerTlsYaml;
import io.agw.model.config.yaml.ListenerYaml;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.ListenerTls;
import io.agw.model.resource.v1.TlsVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a listener's own fields (protocol, hostname, TLS, policies); its routes are mapped by {@link
 * RouteMapper}.
 */
final class ListenerMapper {

  private static final Set<String> UNSUPPORTED_PROTOCOLS = Set.of("TLS", "TCP", "HBONE");

  private final MappingContext ctx;
  private final PolicyMapper policies;

  ListenerMapper(MappingContext ctx, PolicyMapper policies) {
    this.ctx = ctx;
    this.policies = policies;
  }

  Listener listener(String path, ListenerYaml yaml, String key, String bindKey) {
    Listener.Builder b = Listener.newBuilder().setKey(key).setBindKey(bindKey);
    if (yaml.name() != null) {
      b.setName(yaml.name());
    }
    if (yaml.hostname() != null) {
      ctx.checkHostname(path + ".hostname", yaml.hostname());
      b.setHostname(yaml.hostname());
    }
    Listener.Protocol protocol = protocol(path + ".protocol", yaml.protocol());
    b.setProtocol(protocol);
    if (protocol == Listener.Protocol.HTTPS) {
      tls(path + ".tls", yaml.tls()).ifPresent(b::setTls);
    } else if (yaml.tls() != null && protocol == Listener.Protocol.HTTP) {
      ctx.error(path + ".tls", "tls is only used with protocol HTTPS");
    }
    b.addAllPolicies(policies.listener(path + ".policies", yaml.policies()));
    return b.build();
  }

  private Listener.Protocol protocol(String path, String protocol) {
    if (protocol == null || protocol.equals("HTTP")) {
      return Listener.Protocol.HTTP;
    }
    if (protocol.equals("HTTPS")) {
      return Listener.Protocol.HTTPS;
    }
    if (UNSUPPORTED_PROTOCOLS.contains(protocol)) {
      ctx.error(
          path,
          "'"
              + protocol
              + "' is an agentgateway listener protocol that this gateway does not support yet;"
              + " use HTTP or HTTPS");
    } else {
      ctx.error(path, "unknown protocol '" + protocol + "'; use HTTP or HTTPS");
    }
    return Listener.Protocol.PROTOCOL_UNSPECIFIED;
  }

  private Optional<ListenerTls> tls(String path, ListenerTlsYaml yaml) {
    if (yaml == null) {
      ctx.error(path, "required when protocol is HTTPS (set cert and key)");
      return Optional.empty();
    }
    ListenerTls.Builder b = ListenerTls.newBuilder();
    if (ctx.require(path + ".cert", yaml.cert())) {
      ctx.file(path + ".cert", yaml.cert()).ifPresent(b::setCert);
    }
    if (ctx.require(path + ".key", yaml.key())) {
      ctx.file(path + ".key", yaml.key()).ifPresent(b::setKey);
    }
    ctx.file(path + ".root", yaml.root()).ifPresent(b::setRoot);
    TlsVersion min =
        TlsProtocols.version(
            ctx,
            versionPath(path, "min", yaml.minTLSVersion()),
            either(yaml.minTLSVersion(), yaml.minTlsVersion()));
    TlsVersion max =
        TlsProtocols.version(
            ctx,
            versionPath(path, "max", yaml.maxTLSVersion()),
            either(yaml.maxTLSVersion(), yaml.maxTlsVersion()));
    bothSpellings(path, "min", yaml.minTLSVersion(), yaml.minTlsVersion());
    bothSpellings(path, "max", yaml.maxTLSVersion(), yaml.maxTlsVersion());
    TlsProtocols.checkRange(ctx, path, min, max);
    b.setMinVersion(min).setMaxVersion(max);
    List<String> suites =
        TlsProtocols.cipherSuites(ctx, path + ".cipherSuites", yaml.cipherSuites());
    List<String> groups =
        TlsProtocols.keyExchangeGroups(ctx, path + ".keyExchangeGroups", yaml.keyExchangeGroups());
    TlsProtocols.checkSuitesWithGroups(ctx, path, suites, groups);
    b.addAllCipherSuites(suites).addAllKeyExchangeGroups(groups);
    return Optional.of(b.build());
  }

  /** agentgateway accepts {@code minTLSVersion} and {@code minTlsVersion} (one of them). */
  private static String versionPath(String path, String bound, String upperCaseSpelling) {
    return path + "." + bound + (upperCaseSpelling != null ? "TLSVersion" : "TlsVersion");
  }

  private static String either(String a, String b) {
    return a != null ? a : b;
  }

  private void bothSpellings(String path, String bound, String a, String b) {
    if (a != null && b != null) {
      ctx.error(
          path + "." + bound + "TlsVersion",
          "set either " + bound + "TLSVersion or " + bound + "TlsVersion, not both");
    }
  }
}
