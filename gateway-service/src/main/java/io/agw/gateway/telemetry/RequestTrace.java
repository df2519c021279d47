package io.agw.gateway.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of one request on a traffic port: the gateway's server span and what is needed to start
 * its children (MCP, LLM and upstream spans). Put on the exchange by {@link ServerSpanFilter};
 * absent when tracing is off. Features start child spans with {@link #child} and end them
 * themselves. Immutable; thread-safe (spans are).
 */
public final class RequestTrace {

  /** The exchange attribute holding the trace. */
  public static final String ATTRIBUTE = RequestTrace.class.getName();

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Span server;
  private final Context context;

  RequestTrace(Tracer tracer, TextMapPropagator propagator, Span server, Context context) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.server = server;
    this.context = context;
  }

  /** The trace of {@code exchange}, or null when it is not traced. */
  public static RequestTrace of(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }

  /**
   * The trace id a record of {@code exchange} is correlated by: its trace's when traced; when
   * tracing is off, the caller's own W3C {@code traceparent} trace id if it sent a valid one (so a
   * client such as the admin UI can find the usage record of its call); otherwise null.
   */
  public static String traceIdOf(ServerWebExchange exchange) {
    RequestTrace trace = of(exchange);
    if (trace != null) {
      return trace.traceId();
    }
    if (!exchange.getRequest().getHeaders().containsHeader("traceparent")) {
      return null;
    }
    SpanContext inbound =
        Span.fromContext(
                W3CTraceContextPropagator.getInstance()
                    .extract(
                        Context.root(), exchange.getRequest().getHeaders(), HeaderCarrier.INSTANCE))
            .getSpanContext();
    return inbound.isValid() ? inbound.getTraceId() : null;
  }

  /** A span builder for a child of the server span (or of {@code parent} when not null). */
  public SpanBuilder child(String name, SpanKind kind, Span parent) {
    Context base = parent == null ? context : context.with(parent);
    return tracer.spanBuilder(name).setParent(base).setSpanKind(kind);
  }

  /** The server span. */
  public Span server() {
    return server;
  }

  /**
   * The trace id as 32 lowercase hex digits: the caller's when it sent a {@code traceparent}, a new
   * one otherwise; set whether or not the request is sampled (the upstream receives it either way).
   */
  public String traceId() {
    return server.getSpanContext().getTraceId();
  }

  /** Whether the spans of this request are recorded (sampled); unsampled spans are no-ops. */
  public boolean recording() {
    return server.isRecording();
  }

  TextMapPropagator propagator() {
    return propagator;
  }

  Context context() {
    return context;
  }
}
