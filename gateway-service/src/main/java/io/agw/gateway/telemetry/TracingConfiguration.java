package io.agw.gateway.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.ObjectProvider;
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

  @Bean
  UpstreamSpanFilter upstreamSpanFilter() {
    return new UpstreamSpanFilter();
  }
}
