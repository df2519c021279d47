package io.agw.gateway.telemetry;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelValues;
import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigErrors;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.config.mapping.TracingExport;
import io.agw.model.config.read.YamlConfigReader;
import io.agw.model.config.yaml.FrontendPoliciesYaml;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.MetricsYaml;
import io.agw.model.config.yaml.SettingsYaml;
import io.agw.model.resource.v1.OtlpTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the configuration file's startup-only observability settings into properties before the
 * context starts (the OTLP exporter, the sampler and the meter filters are built once): {@code
 * config.tracing}'s (or {@code frontendPolicies.tracing}'s) endpoint with its path, the latter's
 * {@code resources} as OpenTelemetry resource attributes, its protocol (OTLP/gRPC or OTLP/HTTP),
 * export headers, {@code randomSampling} as the share of new traces and {@code clientSampling} as
 * {@code agw.tracing.client-sampling}; {@code config.metrics.remove} as {@code agw.metrics.remove},
 * {@code config.metrics.fields.add} as {@code agw.metrics.fields.[name]} and {@code
 * config.sensitiveHeaders} as {@code agw.telemetry.sensitive-headers}. The properties go last, so
 * any {@code management.*} property set on the command line, in the environment or in {@code
 * application.yaml} wins. A file that cannot be read or has no valid {@code config.tracing} adds
 * nothing here; its problems are reported when the configuration is loaded.
 */
public final class TelemetryFileProperties implements EnvironmentPostProcessor {

  /** The name of the property source this adds. */
  public static final String SOURCE = "agw-config-tracing";

  /** The endpoint taken from the file, for the reload warning ({@link TelemetrySettings}). */
  public static final String FILE_ENDPOINT = "agw.tracing.file-endpoint";

  /** The names of the meters not recorded ({@code config.metrics.remove}). */
  public static final String METRICS_REMOVE = "agw.metrics.remove";

  /**
   * Extra request headers whose values CEL's {@code redacted()} hides ({@code sensitiveHeaders}).
   */
  public static final String SENSITIVE_HEADERS = "agw.telemetry.sensitive-headers";

  /**
   * The prefix of the metric labels computed by CEL ({@code config.metrics.fields.add}): {@code
   * agw.metrics.fields.[name]=expression}.
   */
  public static final String METRIC_FIELDS = "agw.metrics.fields";

  /**
   * {@code config.histograms} ({@code classic}, {@code native}, {@code both}), set by the process
   * settings ({@code ProcessSettingsEnvironment}).
   */
  public static final String HISTOGRAMS = "agw.metrics.histograms";

  /**
   * The collector of {@code frontendPolicies.tracing} when its connection is TLS: the {@code
   * OtlpTarget} message, base64.
   */
  public static final String TRACING_TLS = "agw.tracing.collector-tls";

  /** The share of caller-sampled traces recorded. */
  public static final String CLIENT_SAMPLING = "agw.tracing.client-sampling";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String config = environment.getProperty("agw.config.file");
    if (config == null || config.isBlank()) {
      return;
    }
    LocalConfigYaml file = read(Path.of(config)).orElse(null);
    if (file == null) {
      return;
    }
    SettingsYaml settings = file.config();
    Map<String, Object> p = new LinkedHashMap<>();
    TracingExport.of(TracingExport.effective(settings, frontend(file), file.backends()))
        .ifPresent(export -> tracing(export, p));
    if (p.containsKey(FILE_ENDPOINT)) {
      TracingExport.policyTarget(
              frontend(file),
              file.backends(),
              new RelativePaths(
                  ConfigEnvironment.system().workingDirectory(),
                  Path.of(config).toAbsolutePath().getParent()))
          .ifPresent(target -> collector(target, p));
    }
    resources(frontend(file), p);
    MetricsYaml metrics = settings == null ? null : settings.metrics();
    if (metrics != null && metrics.remove() != null && !metrics.remove().isEmpty()) {
      p.put(METRICS_REMOVE, String.join(",", metrics.remove()));
    }
    if (metrics != null && metrics.fields() != null && metrics.fields().add() != null) {
      metrics.fields().add().forEach((name, cel) -> p.put(METRIC_FIELDS + ".[" + name + "]", cel));
    }
    if (settings != null
        && settings.sensitiveHeaders() != null
        && !settings.sensitiveHeaders().isEmpty()) {
      p.put(
          SENSITIVE_HEADERS,
          settings.sensitiveHeaders().stream()
              .map(h -> h.toLowerCase(java.util.Locale.ROOT))
              .collect(java.util.stream.Collectors.joining(",")));
    }
    if (!p.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, p));
    }
  }

  private static void tracing(TracingExport export, Map<String, Object> p) {
    p.put("management.opentelemetry.tracing.export.otlp.endpoint", export.endpoint());
    p.put(
        "management.opentelemetry.tracing.export.otlp.transport", export.grpc() ? "grpc" : "http");
    export
        .headers()
        .forEach(
            (name, value) ->
                p.put(
                    "management.opentelemetry.tracing.export.otlp.headers.[" + name + "]", value));
    p.put("management.tracing.sampling.probability", export.randomSampling());
    p.put(CLIENT_SAMPLING, export.clientSampling());
    p.put(FILE_ENDPOINT, export.endpoint());
  }

  /**
   * {@code frontendPolicies.tracing}'s connection: the headers of its {@code backendAuth} and
   * {@code requestHeaderModifier} as export headers, and its TLS as {@link #TRACING_TLS} (read by
   * {@code TracingConfiguration}, which gives the exporter a channel of its own). A secret that
   * cannot be read leaves the header out; the configuration's load reports it.
   */
  private static void collector(OtlpTarget target, Map<String, Object> p) {
    try {
      OtlpConnections.headers(target, new SecretResolver())
          .forEach(
              (name, value) ->
                  p.put(
                      "management.opentelemetry.tracing.export.otlp.headers.[" + name + "]",
                      value));
    } catch (IllegalArgumentException e) {
      // reported when the configuration is loaded
    }
    if (target.hasTls()) {
      p.put(TRACING_TLS, Base64.getEncoder().encodeToString(target.toByteArray()));
    }
  }

  private static FrontendPoliciesYaml frontend(LocalConfigYaml file) {
    return file == null ? null : file.frontendPolicies();
  }

  /**
   * {@code frontendPolicies.tracing.resources}: each CEL expression evaluated once, without request
   * variables, into an OpenTelemetry resource attribute (as text; one that fails is left out).
   */
  private static void resources(FrontendPoliciesYaml frontend, Map<String, Object> p) {
    if (frontend == null
        || frontend.tracing() == null
        || frontend.tracing().resources() == null
        || frontend.tracing().resources().isEmpty()) {
      return;
    }
    CelEnvironment cel = new CelEnvironment();
    frontend
        .tracing()
        .resources()
        .forEach(
            (name, expression) -> {
              try {
                Object value = cel.evaluateOnce(expression, Map.of(), Duration.ofSeconds(1));
                if (value != null) {
                  p.put(
                      "management.opentelemetry.resource-attributes.[" + name + "]",
                      CelValues.asText(value));
                }
              } catch (Exception e) {
                // Reported when the configuration is loaded (a CEL that does not compile), or a
                // value that cannot be computed without a request: left out, as agentgateway.
              }
            });
  }

  private static Optional<LocalConfigYaml> read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String expanded = ConfigLoader.expand(null, text, ConfigEnvironment.system()).text();
      return YamlConfigReader.read(expanded, ConfigMapper.policyFields(), new ConfigErrors());
    } catch (IOException | ConfigException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
