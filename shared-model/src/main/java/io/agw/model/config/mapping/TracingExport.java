package io.agw.model.config.mapping;

import io.agw.model.config.yaml.SamplingYaml;
import io.agw.model.config.yaml.TracingYaml;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exporter settings of {@code config.tracing}, which the gateway applies at startup: the OTLP
 * endpoint with its path, the headers sent with each export, and the share of requests traced.
 * Pure.
 *
 * @param endpoint the OTLP/HTTP traces URL ({@code otlpEndpoint} with {@code path}, by default
 *     {@code /v1/traces})
 * @param headers headers sent to the collector (may hold credentials: never logged)
 * @param randomSampling share (0 to 1) of requests without a trace that start one (default 0)
 * @param clientSampling share (0 to 1) of requests whose caller sampled their trace that the
 *     gateway records too (default 1)
 */
public record TracingExport(
    String endpoint, Map<String, String> headers, double randomSampling, double clientSampling) {

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
    Optional<Double> random = share(tracing.randomSampling(), 0);
    Optional<Double> client = share(tracing.clientSampling(), 1);
    if (endpoint.isEmpty() || random.isEmpty() || client.isEmpty() || grpc(tracing)) {
      return Optional.empty();
    }
    Map<String, String> headers =
        tracing.headers() == null ? Map.of() : new LinkedHashMap<>(tracing.headers());
    return Optional.of(new TracingExport(endpoint.get(), headers, random.get(), client.get()));
  }

  /** Records the problems of {@code tracing} under {@code path} ({@code config.tracing}). */
  static void check(MappingContext ctx, String path, TracingYaml tracing) {
    if (tracing.otlpEndpoint() == null || tracing.otlpEndpoint().isBlank()) {
      ctx.error(
          path + ".otlpEndpoint",
          "required field is missing; the collector's URL, for example http://collector:4318");
    } else if (endpoint(tracing).isEmpty()) {
      ctx.error(
          path + ".otlpEndpoint",
          "'" + tracing.otlpEndpoint() + "' is not an http:// or https:// URL");
    }
    if (tracing.otlpProtocol() != null
        && !tracing.otlpProtocol().equals("http")
        && !tracing.otlpProtocol().equals("grpc")) {
      ctx.error(path + ".otlpProtocol", "must be 'http' or 'grpc'");
    } else if (grpc(tracing)) {
      ctx.error(
          path + ".otlpProtocol",
          "this gateway exports over OTLP/HTTP only (agentgateway's default is grpc): write"
              + " otlpProtocol: http and the collector's HTTP port (4318)");
    }
    checkShare(ctx, path + ".randomSampling", tracing.randomSampling());
    checkShare(ctx, path + ".clientSampling", tracing.clientSampling());
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
    if (value != null && share(value, 0).isEmpty()) {
      ctx.error(
          path,
          "must be true, false or a number from 0.0 to 1.0 (a CEL expression per request is not"
              + " supported yet), not '"
              + value.text()
              + "'");
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
