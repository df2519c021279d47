package io.agw.gateway.telemetry;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.config.mapping.TracingExport;
import io.agw.model.config.read.YamlConfigReader;
import io.agw.model.config.yaml.LocalConfigYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the configuration file's {@code config.tracing} into Spring Boot's tracing properties
 * before the context starts (the OTLP exporter and the sampler are built once, at startup): the
 * endpoint with its path, the export headers, {@code randomSampling} as the share of new traces and
 * {@code clientSampling} as {@code agw.tracing.client-sampling}. The properties go last, so any
 * {@code management.*} property set on the command line, in the environment or in {@code
 * application.yaml} wins. A file that cannot be read or has no valid {@code config.tracing} adds
 * nothing here; its problems are reported when the configuration is loaded.
 */
public final class TracingFileProperties implements EnvironmentPostProcessor {

  /** The name of the property source this adds. */
  public static final String SOURCE = "agw-config-tracing";

  /** The endpoint taken from the file, for the reload warning ({@link TelemetrySettings}). */
  public static final String FILE_ENDPOINT = "agw.tracing.file-endpoint";

  /** The share of caller-sampled traces recorded. */
  public static final String CLIENT_SAMPLING = "agw.tracing.client-sampling";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String file = environment.getProperty("agw.config.file");
    if (file == null || file.isBlank()) {
      return;
    }
    read(Path.of(file))
        .flatMap(
            config -> TracingExport.of(config.config() == null ? null : config.config().tracing()))
        .ifPresent(
            export ->
                environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(SOURCE, properties(export))));
  }

  static Map<String, Object> properties(TracingExport export) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("management.opentelemetry.tracing.export.otlp.endpoint", export.endpoint());
    export
        .headers()
        .forEach(
            (name, value) ->
                p.put(
                    "management.opentelemetry.tracing.export.otlp.headers.[" + name + "]", value));
    p.put("management.tracing.sampling.probability", export.randomSampling());
    p.put(CLIENT_SAMPLING, export.clientSampling());
    p.put(FILE_ENDPOINT, export.endpoint());
    return p;
  }

  private static Optional<LocalConfigYaml> read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return YamlConfigReader.read(text, ConfigMapper.policyFields(), new ConfigErrors());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
