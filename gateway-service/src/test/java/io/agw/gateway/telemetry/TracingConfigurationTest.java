package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Tracing is on exactly when Boot's OTLP span exporter exists, that is when an endpoint is
 * configured: without one the traffic ports get no tracing filter at all.
 */
class TracingConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OpenTelemetrySdkAutoConfiguration.class,
                  OpenTelemetryTracingAutoConfiguration.class,
                  OtlpTracingAutoConfiguration.class))
          .withUserConfiguration(TracingConfiguration.class);

  @Test
  void offWithoutAnOtlpEndpoint() {
    runner.run(
        context -> {
          assertThat(context.getBean(GatewayTracing.class).enabled()).isFalse();
          assertThat(context).doesNotHaveBean(UpstreamSpanFilter.class);
        });
  }

  @Test
  void onWithAnOtlpEndpoint() {
    runner
        .withPropertyValues(
            "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces")
        .run(context -> assertThat(context.getBean(GatewayTracing.class).enabled()).isTrue());
  }

  @Test
  void offWhenExportIsDisabled() {
    runner
        .withPropertyValues(
            "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces",
            "management.tracing.export.enabled=false")
        .run(context -> assertThat(context.getBean(GatewayTracing.class).enabled()).isFalse());
  }
}
