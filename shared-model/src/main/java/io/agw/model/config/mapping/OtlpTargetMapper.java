package io.agw.model.config.mapping;

import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.config.yaml.HeaderModifierYaml;
import io.agw.model.config.yaml.NamedBackendYaml;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.OtlpTarget;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the collector of an OTLP export ({@code frontendPolicies.accessLog.otlp}, {@code
 * frontendPolicies.tracing}) to an {@link OtlpTarget}: the collector as {@code host} ({@code
 * host:port}, or an {@code http://} / {@code https://} URL without a path, {@code https} meaning
 * TLS as in agentgateway) or {@code backend} (a top-level {@code host} backend by name, whose own
 * policies apply under the inline ones), and the connection's {@code policies}: {@code backendTLS},
 * {@code backendAuth} ({@code key}: a bearer token) and {@code requestHeaderModifier} ({@code add}
 * / {@code set}: export headers). Other policy kinds, and {@code service} targets (issue 19), are
 * refused by path. Stateless but for the context it reports to.
 */
final class OtlpTargetMapper {

  private final MappingContext ctx;
  private final List<NamedBackendYaml> backends;

  OtlpTargetMapper(MappingContext ctx, List<NamedBackendYaml> backends) {
    this.ctx = ctx;
    this.backends = backends == null ? List.of() : backends;
  }

  /** The written target of an export, before it is checked. */
  record Written(
      String host,
      String backend,
      Object service,
      BackendPoliciesYaml policies,
      String protocol,
      String path) {}

  /**
   * The target, or empty when it has problems (reported under {@code path}).
   *
   * @param defaultPath the OTLP/HTTP path of the signal ({@code /v1/logs}, {@code /v1/traces})
   */
  Optional<OtlpTarget> target(String path, Written written, String defaultPath) {
    int given =
        (written.host() == null ? 0 : 1)
            + (written.backend() == null ? 0 : 1)
            + (written.service() == null ? 0 : 1);
    if (given > 1) {
      ctx.error(path, "write exactly one of host, backend and service");
      return Optional.empty();
    }
    if (written.service() != null) {
      ctx.error(
          path + ".service",
          "a collector given as service needs services (issue 19), not supported yet; give it as"
              + " host or backend");
      return Optional.empty();
    }
    boolean grpc = written.protocol() == null || written.protocol().equals("grpc");
    if (written.protocol() != null && !grpc && !written.protocol().equals("http")) {
      ctx.error(path + ".protocol", "must be 'http' or 'grpc'");
    }
    String host;
    String hostPath;
    Map<String, Object> policies = new LinkedHashMap<>();
    if (written.backend() != null) {
      hostPath = path + ".backend";
      NamedBackendYaml named =
          backends.stream()
              .filter(b -> b != null && written.backend().equals(b.name()))
              .findFirst()
              .orElse(null);
      if (named == null) {
        ctx.error(hostPath, "no backend named '" + written.backend() + "' in backends");
        return Optional.empty();
      }
      if (named.host() == null) {
        ctx.error(
            hostPath,
            "backend '" + written.backend() + "' is not a host backend: a collector is a host");
        return Optional.empty();
      }
      host = named.host();
      if (named.policies() != null) {
        policies.putAll(named.policies().values());
      }
    } else if (written.host() != null) {
      hostPath = path + ".host";
      host = written.host();
    } else {
      ctx.error(
          path + ".host",
          "required: the collector as host (host:port, for example collector:4317) or as backend"
              + " (a backend's name)");
      return Optional.empty();
    }
    if (written.policies() != null) {
      policies.putAll(written.policies().values());
    }
    Optional<HostPort> target = hostPort(hostPath, host);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    OtlpTarget.Builder b = OtlpTarget.newBuilder().setGrpc(grpc);
    if (target.get().tls()) {
      b.setTls(BackendTls.getDefaultInstance());
    }
    policies(path + ".policies", policies, grpc, b);
    String scheme = b.hasTls() ? "https" : "http";
    String endpoint = scheme + "://" + target.get().authority();
    if (!grpc) {
      String signal = written.path() == null ? defaultPath : written.path().trim();
      endpoint += signal.startsWith("/") ? signal : "/" + signal;
    }
    // Over gRPC a path has no use (the method names the service); agentgateway ignores it too.
    return Optional.of(b.setEndpoint(endpoint).build());
  }

  private record HostPort(String authority, boolean tls) {}

  private Optional<HostPort> hostPort(String path, String written) {
    String text = written.trim();
    boolean url = text.contains("://");
    try {
      URI uri = new URI(url ? text : "http://" + text);
      String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
      boolean scheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (scheme
          && uri.getHost() != null
          && (rest.isEmpty() || rest.equals("/"))
          && uri.getRawQuery() == null
          && (url || uri.getPort() >= 0)) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return Optional.of(
            new HostPort(uri.getHost() + ":" + port, "https".equals(uri.getScheme())));
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    ctx.error(
        path,
        "'"
            + written
            + "' is not host:port (for example collector:4317) or an http:// or https:// URL"
            + " without a path");
    return Optional.empty();
  }

  private void policies(
      String path, Map<String, Object> policies, boolean grpc, OtlpTarget.Builder b) {
    for (var policy : policies.entrySet()) {
      String at = path + "." + policy.getKey();
      switch (policy.getKey()) {
        case "backendTLS" -> {
          BackendTlsYaml tls = (BackendTlsYaml) policy.getValue();
          b.setTls(new TlsMapper(ctx).backendTls(at, tls));
          tlsLimits(at, tls, grpc);
        }
        case "backendAuth" -> {
          BackendAuthYaml auth = (BackendAuthYaml) policy.getValue();
          if (auth.key() == null) {
            ctx.error(at, "a collector takes a key (sent as a bearer token): set backendAuth.key");
          } else {
            new SecretMapper(ctx)
                .backendAuth(at, auth)
                .filter(a -> a.hasKey())
                .ifPresent(a -> b.setBearer(a.getKey()));
          }
        }
        case "requestHeaderModifier" -> headers(at, (HeaderModifierYaml) policy.getValue(), b);
        default ->
            ctx.error(
                at,
                "not supported on the connection to a collector; it takes backendTLS, backendAuth"
                    + " (key) and requestHeaderModifier");
      }
    }
  }

  /**
   * What the OTLP exporters can honour: over gRPC the gateway's own channel (trust, client
   * certificate, SNI name, insecure); over HTTP the exporter's TLS settings (trust and client
   * certificate only).
   */
  private void tlsLimits(String path, BackendTlsYaml tls, boolean grpc) {
    if (MappingContext.list(tls.alpn()).size() > 0) {
      ctx.error(path + ".alpn", "cannot be set for a collector: OTLP/gRPC needs h2");
    }
    if (MappingContext.list(tls.subjectAltNames()).size() > 0) {
      ctx.error(path + ".subjectAltNames", "not supported for a collector yet");
    }
    if (tls.insecureHost() != null) {
      ctx.error(path + ".insecureHost", "not supported for a collector yet");
    }
    if (!grpc && tls.hostname() != null) {
      ctx.error(path + ".hostname", "not supported for an OTLP/HTTP collector yet (gRPC only)");
    }
    if (!grpc && Boolean.TRUE.equals(tls.insecure())) {
      ctx.error(path + ".insecure", "not supported for an OTLP/HTTP collector yet (gRPC only)");
    }
  }

  private void headers(String path, HeaderModifierYaml modifier, OtlpTarget.Builder b) {
    if (modifier.remove() != null) {
      ctx.error(path + ".remove", "an export has no headers to remove; use add or set");
    }
    if (modifier.add() != null) {
      modifier.add().forEach((name, value) -> header(path + ".add." + name, name, value, b));
    }
    if (modifier.set() != null) {
      modifier.set().forEach((name, value) -> header(path + ".set." + name, name, value, b));
    }
  }

  private void header(String path, String name, String value, OtlpTarget.Builder b) {
    if (value == null) {
      ctx.error(path, "must be a value");
      return;
    }
    if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      ctx.error(path, "'" + name + "' is not a header name");
      return;
    }
    b.putHeaders(name.toLowerCase(java.util.Locale.ROOT), value);
  }
}
