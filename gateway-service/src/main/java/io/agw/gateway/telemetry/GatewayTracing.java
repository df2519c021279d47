package io.agw.gateway.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Whether the gateway traces its requests, and with what. Tracing is on only when spans have
 * somewhere to go: Spring Boot's OpenTelemetry SDK is configured and at least one span exporter
 * exists (Boot creates the OTLP exporter only when {@code
 * management.opentelemetry.tracing.export.otlp.endpoint} is set). When off, no tracing filter is
 * installed on the traffic ports and nothing on the request path looks at tracing beyond one
 * exchange-attribute lookup. Immutable; thread-safe.
 *
 * @param tracer creates the gateway's spans (null when off)
 * @param propagator reads and writes {@code traceparent}, {@code tracestate} and {@code baggage}
 *     (null when off)
 */
public record GatewayTracing(Tracer tracer, TextMapPropagator propagator) {

  /** The instrumentation scope of every span the gateway creates. */
  public static final String SCOPE = "io.agw.gateway";

  /** Tracing off. */
  public static GatewayTracing off() {
    return new GatewayTracing(null, null);
  }

  /** Tracing with Boot's OpenTelemetry SDK: its tracer provider, sampler and propagators. */
  public static GatewayTracing of(OpenTelemetry openTelemetry) {
    return new GatewayTracing(
        openTelemetry.getTracer(SCOPE), openTelemetry.getPropagators().getTextMapPropagator());
  }

  public boolean enabled() {
    return tracer != null;
  }
}
