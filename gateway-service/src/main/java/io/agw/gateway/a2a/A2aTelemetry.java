package io.agw.gateway.a2a;

import io.agw.gateway.telemetry.AccessLogFields;
import io.agw.gateway.telemetry.RequestTrace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.web.server.ServerWebExchange;

/**
 * Records A2A calls: the {@code agw.a2a.calls} timer, the {@code a2a} object of the access-log
 * line, and, when the request is traced, agentgateway's A2A attributes on its server span ({@code
 * a2a.method}, {@code a2a.response.outcome}, {@code a2a.response.error_code}, {@code
 * a2a.task.state}, {@code a2a.context.id}).
 *
 * <p>Metric tags are bounded so that no agent can blow up the number of series: {@code route} (from
 * the configuration), {@code method} (the v1.0 name of a known method, else {@code unknown}),
 * {@code outcome} ({@link A2aCallSummary.Outcome}) and {@code state} (a task state of the spec,
 * {@code other} for anything else, {@code none} when the answer had none). Ids go to the access log
 * only. Thread-safe.
 */
public final class A2aTelemetry {

  /** The timer's name. */
  public static final String CALLS = "agw.a2a.calls";

  /** The access-log field holding the call's details. */
  public static final String LOG_FIELD = "a2a";

  private static final Set<String> STATES =
      Set.of(
          "submitted",
          "working",
          "input-required",
          "auth-required",
          "completed",
          "canceled",
          "failed",
          "rejected",
          "unknown");

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("a2a.method");
  private static final AttributeKey<String> OUTCOME =
      AttributeKey.stringKey("a2a.response.outcome");
  private static final AttributeKey<Long> ERROR_CODE =
      AttributeKey.longKey("a2a.response.error_code");
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("a2a.task.state");
  private static final AttributeKey<String> CONTEXT = AttributeKey.stringKey("a2a.context.id");

  private final MeterRegistry meters;

  public A2aTelemetry(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Records one finished call of {@code route} that took {@code nanos}. */
  public void record(ServerWebExchange exchange, String route, A2aCallSummary s, long nanos) {
    A2aMethod kind = s.call().kind();
    Timer.builder(CALLS)
        .description("A2A JSON-RPC calls through the gateway")
        .tag("route", route)
        .tag("method", kind == A2aMethod.UNKNOWN ? "unknown" : kind.v10Name())
        .tag("outcome", s.outcome().label())
        .tag("state", s.state().map(st -> STATES.contains(st) ? st : "other").orElse("none"))
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
    AccessLogFields.put(exchange, LOG_FIELD, logFields(s));
    RequestTrace trace = RequestTrace.of(exchange);
    if (trace != null && trace.recording()) {
      annotate(trace.server(), s);
    }
  }

  /**
   * The call on the request's server span, under agentgateway's names; a call that ends after the
   * span (a client that went away mid-stream) is not on it.
   */
  private static void annotate(Span span, A2aCallSummary s) {
    s.call().method().ifPresent(m -> span.setAttribute(METHOD, m));
    span.setAttribute(OUTCOME, s.outcome().label());
    s.errorCode().ifPresent(code -> span.setAttribute(ERROR_CODE, (long) code));
    s.state().ifPresent(st -> span.setAttribute(STATE, st));
    s.contextId().ifPresent(id -> span.setAttribute(CONTEXT, id));
  }

  /** The access-log object: only the values that are known. */
  static Map<String, Object> logFields(A2aCallSummary s) {
    Map<String, Object> fields = new LinkedHashMap<>();
    s.call().method().ifPresent(m -> fields.put("method", m));
    s.call().id().ifPresent(id -> fields.put("rpc_id", id));
    s.taskId().ifPresent(id -> fields.put("task_id", id));
    s.contextId().ifPresent(id -> fields.put("context_id", id));
    s.state().ifPresent(st -> fields.put("state", st));
    fields.put("outcome", s.outcome().label());
    s.errorCode().ifPresent(code -> fields.put("error_code", code));
    if (s.events() > 0) {
      fields.put("events", s.events());
    }
    return fields;
  }
}
