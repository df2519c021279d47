package io.agw.model.config.mapping;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.yaml.FrontendPoliciesYaml;
import io.agw.model.config.yaml.NamedBackendYaml;
import io.agw.model.config.yaml.SamplingYaml;
import io.agw.model.config.yaml.SettingsYaml;
import io.agw.model.config.yaml.TracingPolicyYaml;
import io.agw.model.config.yaml.TracingYaml;
import io.agw.model.resource.v1.OtlpTarget;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exporter settings of {@code config.tracing}, which the gateway applies at startup: the OTLP
 * endpoint with its path and protocol, the headers sent with each export, and the share of requests
 * traced. A sampling setting written as a CEL expression is evaluated per request (the {@code
 * TracingSettings} resource carries it: {@link #expression}); its constant here is then the
 * default. Pure.
 *
 * @param endpoint the OTLP/HTTP traces URL ({@code otlpEndpoint} with {@code path}, by default
 *     {@code /v1/traces}); over gRPC, {@code otlpEndpoint}'s scheme and authority only (the gRPC
 *     method names the service)
 * @param headers headers sent to the collector (may hold credentials: never logged); over gRPC,
 *     sent as call metadata
 * @param randomSampling share (0 to 1) of requests without a trace that start one (default 0)
 * @param clientSampling share (0 to 1) of requests whose caller sampled their trace that the
 *     gateway records too (default 1)
 * @param grpc whether spans are exported over OTLP/gRPC ({@code otlpProtocol: grpc}, agentgateway's
 *     default) rather than OTLP/HTTP
 */
public record TracingExport(
    String endpoint,
    Map<String, String> headers,
    double randomSampling,
    double clientSampling,
    boolean grpc) {

  /** agentgateway's default OTLP traces path. */
  public static final String DEFAULT_PATH = "/v1/traces";

  /**
   * The settings of {@code tracing}, or empty when it is absent or invalid (the problems are the
   * mapper's to report: {@link #check}).
   */
  public static Optional<TracingExport> of(TracingYaml tracing) {
    if (tracing == null || tracing.otlpEndpoint() == null) {
      return Optional.empty();
    }
    Optional<String> endpoint = endpoint(tracing);
    if (endpoint.isEmpty() || !knownProtocol(tracing)) {
      return Optional.empty();
    }
    // An expression decides per request; the constant left here is agentgateway's default.
    double random = share(tracing.randomSampling(), 0).orElse(0.0);
    double client = share(tracing.clientSampling(), 1).orElse(1.0);
    Map<String, String> headers =
        tracing.headers() == null ? Map.of() : new LinkedHashMap<>(tracing.headers());
    return Optional.of(new TracingExport(endpoint.get(), headers, random, client, grpc(tracing)));
  }

  /**
   * The CEL expression of a sampling setting, or empty when it is absent or a constant ({@code
   * true}, {@code false} or a number from 0 to 1).
   */
  public static Optional<String> expression(SamplingYaml value) {
    if (value == null || share(value, 0).isPresent() || constantLike(value.text())) {
      return Optional.empty();
    }
    return Optional.of(value.text());
  }

  /**
   * The tracing settings in force: {@code config.tracing}, or else {@code frontendPolicies.tracing}
   * in the same shape with its collector resolved ({@code host} or {@code backend}, among {@code
   * backends}); agentgateway refuses both together ({@link TelemetryMapper}). Null when neither is
   * set.
   */
  public static TracingYaml effective(
      SettingsYaml settings, FrontendPoliciesYaml frontend, List<NamedBackendYaml> backends) {
    if (settings != null && settings.tracing() != null) {
      return settings.tracing();
    }
    if (frontend == null || frontend.tracing() == null) {
      return null;
    }
    return frontend
        .tracing()
        .asTracing(
            policyTarget(
                    frontend,
                    backends,
                    RelativePaths.workingDirectoryOnly(java.nio.file.Path.of("")))
                .map(TracingExport::origin)
                .orElse(null));
  }

  /**
   * The collector of {@code frontendPolicies.tracing} with the connection's TLS and headers, or
   * empty when the policy is absent or its target has problems (the mapper reports them).
   *
   * @param paths where relative certificate paths are resolved
   */
  public static Optional<OtlpTarget> policyTarget(
      FrontendPoliciesYaml frontend, List<NamedBackendYaml> backends, RelativePaths paths) {
    if (frontend == null || frontend.tracing() == null) {
      return Optional.empty();
    }
    ConfigErrors errors = new ConfigErrors();
    Optional<OtlpTarget> target =
        policyTarget(new MappingContext(paths, errors), "", frontend.tracing(), backends);
    return errors.isEmpty() ? target : Optional.empty();
  }

  private static Optional<OtlpTarget> policyTarget(
      MappingContext ctx, String path, TracingPolicyYaml policy, List<NamedBackendYaml> backends) {
    return new OtlpTargetMapper(ctx, backends)
        .target(
            path,
            new OtlpTargetMapper.Written(
                policy.host(),
                policy.backend(),
                policy.service(),
                policy.policies(),
                policy.protocol(),
                policy.path()),
            DEFAULT_PATH);
  }

  /** The target's scheme and authority (an HTTP target's endpoint carries the path too). */
  private static String origin(OtlpTarget target) {
    URI uri = URI.create(target.getEndpoint());
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** Records the problems of {@code tracing} under {@code path} ({@code config.tracing}). */
  static void check(MappingContext ctx, String path, TracingYaml tracing) {
    check(ctx, path, tracing, "otlpProtocol");
  }

  /**
   * Records the problems of {@code frontendPolicies.tracing} under {@code path} and returns its
   * collector: {@code host} ({@code host:port} or an http(s) URL) or {@code backend}, with the
   * connection's {@code policies} ({@link OtlpTargetMapper}).
   */
  static Optional<OtlpTarget> checkPolicy(
      MappingContext ctx, String path, TracingPolicyYaml policy, List<NamedBackendYaml> backends) {
    Optional<OtlpTarget> target = policyTarget(ctx, path, policy, backends);
    checkShare(ctx, path + ".randomSampling", policy.randomSampling());
    checkShare(ctx, path + ".clientSampling", policy.clientSampling());
    if (policy.filter() != null) {
      ctx.checkCel(path + ".filter", policy.filter());
    }
    return target;
  }

  private static void check(
      MappingContext ctx, String path, TracingYaml tracing, String protocolField) {
    if (tracing.otlpEndpoint() == null || tracing.otlpEndpoint().isBlank()) {
      ctx.error(
          path + ".otlpEndpoint",
          "required field is missing; the collector's URL, for example http://collector:4318");
    } else if (endpoint(tracing).isEmpty()) {
      ctx.error(
          path + ".otlpEndpoint",
          "'" + tracing.otlpEndpoint() + "' is not an http:// or https:// URL");
    }
    if (!knownProtocol(tracing)) {
      ctx.error(path + "." + protocolField, "must be 'http' or 'grpc'");
    }
    checkShare(ctx, path + ".randomSampling", tracing.randomSampling());
    checkShare(ctx, path + ".clientSampling", tracing.clientSampling());
  }

  private static boolean knownProtocol(TracingYaml tracing) {
    return tracing.otlpProtocol() == null
        || tracing.otlpProtocol().equals("http")
        || tracing.otlpProtocol().equals("grpc");
  }

  private static boolean grpc(TracingYaml tracing) {
    return tracing.otlpProtocol() == null || tracing.otlpProtocol().equals("grpc");
  }

  private static Optional<String> endpoint(TracingYaml tracing) {
    try {
      URI uri = new URI(tracing.otlpEndpoint().trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getRawAuthority() == null) {
        return Optional.empty();
      }
      if (grpc(tracing)) {
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
      }
      String path = tracing.path() != null ? tracing.path() : DEFAULT_PATH;
      // agentgateway keeps only the endpoint's scheme and authority and appends the path.
      return Optional.of(
          uri.getScheme()
              + "://"
              + uri.getRawAuthority()
              + (path.startsWith("/") ? path : "/" + path));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static void checkShare(MappingContext ctx, String path, SamplingYaml value) {
    if (value == null || share(value, 0).isPresent()) {
      return;
    }
    if (constantLike(value.text())) {
      ctx.error(
          path,
          "must be true, false, a number from 0.0 to 1.0 or a CEL expression, not '"
              + value.text()
              + "'");
    } else {
      ctx.checkCel(path, value.text());
    }
  }

  /** A number outside 0 to 1 is a mistake, not an expression to evaluate. */
  private static boolean constantLike(String text) {
    try {
      new BigDecimal(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The share written: {@code true} is 1, {@code false} 0, else a number from 0 to 1. */
  private static Optional<Double> share(SamplingYaml value, double absent) {
    if (value == null) {
      return Optional.of(absent);
    }
    String text = value.text().trim();
    if (text.equals("true")) {
      return Optional.of(1.0);
    }
    if (text.equals("false")) {
      return Optional.of(0.0);
    }
    try {
      BigDecimal share = new BigDecimal(text);
      if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
        return Optional.empty();
      }
      return Optional.of(share.doubleValue());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
