package io.agw.gateway.telemetry;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.route.RouteMatchResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Starts the server span of every request on a traffic port, as the first filter of the port's
 * chain: the caller's trace context ({@code traceparent}) is read from the request, so the gateway
 * joins the caller's trace; the span (OpenTelemetry HTTP server conventions) ends when the exchange
 * ends and carries the route, listener and backend the request went to. Installed only when tracing
 * is on ({@link GatewayTracing#enabled()}). Immutable; thread-safe.
 *
 * <p>Our own filter rather than Spring's HTTP server observation: the traffic ports are reactor-
 * netty servers of their own ({@code BindServers}) whose handlers are built without an observation
 * registry, and that observation would also record an {@code http.server.requests} timer on top of
 * {@code agw.requests}.
 */
public final class ServerSpanFilter implements WebFilter {

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
  private static final AttributeKey<String> USER_AGENT =
      AttributeKey.stringKey("user_agent.original");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("agw.route");
  private static final AttributeKey<String> LISTENER = AttributeKey.stringKey("agw.listener");
  private static final AttributeKey<String> BACKEND = AttributeKey.stringKey("agw.backend");

  /** The span event of a guardrail decision (what it did, never what it matched). */
  static final String GUARDRAIL_EVENT = "agw.guardrail.decision";

  private static final AttributeKey<String> GUARD = AttributeKey.stringKey("agw.guardrail.guard");
  private static final AttributeKey<String> GUARD_PHASE =
      AttributeKey.stringKey("agw.guardrail.phase");
  private static final AttributeKey<String> GUARD_ACTION =
      AttributeKey.stringKey("agw.guardrail.action");

  private final GatewayTracing tracing;
  private final Supplier<SpanFields> fields;
  private final Supplier<TraceSampling> sampling;
  private final Supplier<CelExpression> filter;
  private final SpanGate gate;

  /**
   * @param fields attributes removed from and added to the span ({@code config.tracing.fields}),
   *     read once per request
   * @param sampling the sampling expressions ({@code randomSampling}, {@code clientSampling}), read
   *     once per request
   */
  public ServerSpanFilter(
      GatewayTracing tracing, Supplier<SpanFields> fields, Supplier<TraceSampling> sampling) {
    this(tracing, fields, sampling, () -> null, new SpanGate());
  }

  /**
   * @param filter {@code frontendPolicies.tracing.filter} (null: every sampled request's spans are
   *     exported), read once per request
   * @param gate holds a filtered request's spans until the filter decides
   */
  public ServerSpanFilter(
      GatewayTracing tracing,
      Supplier<SpanFields> fields,
      Supplier<TraceSampling> sampling,
      Supplier<CelExpression> filter,
      SpanGate gate) {
    this.tracing = tracing;
    this.fields = fields;
    this.sampling = sampling;
    this.filter = filter;
    this.gate = gate;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    Context parent =
        tracing.propagator().extract(Context.root(), request.getHeaders(), HeaderCarrier.INSTANCE);
    String method = request.getMethod().name();
    SpanFields spanFields = fields.get();
    var builder =
        tracing
            .tracer()
            .spanBuilder(method)
            .setParent(sampling.get().decide(exchange, parent))
            .setSpanKind(SpanKind.SERVER);
    spanFields.set(builder, METHOD, method);
    spanFields.set(builder, PATH, request.getPath().value());
    spanFields.set(builder, SCHEME, request.getSslInfo() != null ? "https" : "http");
    if (request.getURI().getHost() != null) {
      spanFields.set(builder, SERVER_ADDRESS, request.getURI().getHost());
    }
    InetSocketAddress local = request.getLocalAddress();
    if (local != null) {
      spanFields.set(builder, SERVER_PORT, (long) local.getPort());
    }
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote != null && remote.getAddress() != null) {
      spanFields.set(builder, CLIENT, remote.getAddress().getHostAddress());
    }
    String agent = request.getHeaders().getFirst("User-Agent");
    if (agent != null) {
      spanFields.set(builder, USER_AGENT, agent);
    }
    Span span = builder.startSpan();
    RequestTrace trace =
        new RequestTrace(tracing.tracer(), tracing.propagator(), span, parent.with(span));
    exchange.getAttributes().put(RequestTrace.ATTRIBUTE, trace);
    CelExpression keep = filter.get();
    if (keep != null) {
      gate.hold(span);
    }
    return chain
        .filter(exchange)
        .doFinally(signal -> end(exchange, trace, signal, spanFields, keep));
  }

  private void end(
      ServerWebExchange exchange,
      RequestTrace trace,
      SignalType signal,
      SpanFields fields,
      CelExpression keep) {
    Span span = trace.server();
    LlmSpan.end(exchange, trace);
    if (!span.isRecording()) {
      span.end();
      return;
    }
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    if (match != null) {
      fields.set(span, ROUTE, match.route().name());
      fields.set(span, LISTENER, match.route().listener());
    }
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    if (backend != null) {
      fields.set(span, BACKEND, backend.name());
    }
    var status = exchange.getResponse().getStatusCode();
    int code = status == null ? 200 : status.value();
    fields.set(span, STATUS, (long) code);
    GuardDecisions decisions = exchange.getAttribute(GuardDecisions.ATTRIBUTE);
    if (decisions != null) {
      for (GuardDecision d : decisions.all()) {
        span.addEvent(
            GUARDRAIL_EVENT,
            Attributes.of(GUARD, d.guard(), GUARD_PHASE, d.phase(), GUARD_ACTION, d.action()),
            d.epochNanos(),
            TimeUnit.NANOSECONDS);
      }
    }
    fields.addTo(
        span,
        () ->
            CelContext.response(
                exchange,
                null,
                new CelContext.ResponseView(code, exchange.getResponse().getHeaders(), null)));
    if (code >= 500) {
      fields.set(span, ERROR_TYPE, Integer.toString(code));
      span.setStatus(StatusCode.ERROR);
    } else if (signal == SignalType.CANCEL) {
      // The client went away before the answer was complete.
      fields.set(span, ERROR_TYPE, "cancelled");
    }
    if (keep != null) {
      // Evaluated with the response, as agentgateway; an expression that fails drops the spans.
      gate.decide(
          span,
          keep.test(
              CelContext.response(
                  exchange,
                  null,
                  new CelContext.ResponseView(code, exchange.getResponse().getHeaders(), null))));
    }
    span.end();
  }
}
