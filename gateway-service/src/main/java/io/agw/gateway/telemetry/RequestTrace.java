package io.agw.gateway.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
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
