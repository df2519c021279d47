package io.agw.gateway.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing of traffic requests, on Spring Boot's OpenTelemetry SDK (sampler, resource, batch
 * exporter, propagators all Boot's, set with the {@code management.tracing.*} and {@code
 * management.opentelemetry.*} properties).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  @Bean
  GatewayTracing gatewayTracing(
      ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<SpanExporter> exporters) {
    OpenTelemetry otel = openTelemetry.getIfAvailable();
    if (otel == null || exporters.stream().findAny().isEmpty()) {
      return GatewayTracing.off();
    }
    return GatewayTracing.of(otel);
  }

  /**
   * Only with an endpoint (Boot's own condition for its OTLP exporter), so that without tracing the
   * gateway's filter chain has no extra filter at all.
   */
  @Bean
  @ConditionalOnProperty("management.opentelemetry.tracing.export.otlp.endpoint")
  UpstreamSpanFilter upstreamSpanFilter() {
    return new UpstreamSpanFilter();
  }
}
