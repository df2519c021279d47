package io.agw.gateway.telemetry;

import com.google.protobuf.InvalidProtocolBufferException;
import io.agw.model.resource.v1.OtlpTarget;
import io.grpc.ManagedChannel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
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
   * {@code frontendPolicies.tracing} with a TLS connection ({@code https://} host, {@code
   * backendTLS}): over gRPC the span exporter gets a channel of the gateway's own with those
   * settings; over HTTP, the trusted roots and client certificate. Startup-only, as the exporter.
   */
  @Bean
  @ConditionalOnProperty(TelemetryFileProperties.TRACING_TLS)
  OtlpGrpcSpanExporterBuilderCustomizer collectorChannel(
      @Value("${" + TelemetryFileProperties.TRACING_TLS + "}") String target) {
    OtlpTarget collector = decode(target);
    return builder -> {
      if (collector.getGrpc()) {
        setChannel(builder, OtlpConnections.channel(collector));
      }
    };
  }

  @Bean
  @ConditionalOnProperty(TelemetryFileProperties.TRACING_TLS)
  OtlpHttpSpanExporterBuilderCustomizer collectorTls(
      @Value("${" + TelemetryFileProperties.TRACING_TLS + "}") String target) {
    OtlpTarget collector = decode(target);
    return builder ->
        OtlpConnections.httpTls(collector, builder::setTrustedCertificates, builder::setClientTls);
  }

  /**
   * {@code frontendPolicies.tracing.filter}: every span processor of the SDK behind a {@link
   * SpanGate}, which holds a request's spans until its server span decides.
   */
  @Bean
  SpanGate spanGate() {
    return new SpanGate();
  }

  @Bean
  SpanProcessors spanProcessors(ObjectProvider<SpanProcessor> processors, SpanGate gate) {
    return SpanProcessors.of(
        gate.wrap(SpanProcessor.composite(processors.orderedStream().toList())));
  }

  private static OtlpTarget decode(String target) {
    try {
      return OtlpTarget.parseFrom(Base64.getDecoder().decode(target));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(TelemetryFileProperties.TRACING_TLS + ": " + e.getMessage());
    }
  }

  // The channel is the gateway's own so that backendTLS applies; see AccessLogExport.
  @SuppressWarnings("deprecation")
  private static void setChannel(OtlpGrpcSpanExporterBuilder builder, ManagedChannel channel) {
    builder.setChannel(channel);
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
