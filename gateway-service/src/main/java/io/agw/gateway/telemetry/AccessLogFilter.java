package io.agw.gateway.telemetry;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.identity.Caller;
import io.agw.gateway.route.RouteMatchResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records every request on a traffic port: one JSON access-log line (logger {@code agw.access}) and
 * the {@code agw.requests} timer tagged by listener, route, backend, method and status; with {@code
 * frontendPolicies.accessLog.otlp}, the record exported over OTLP too ({@link AccessLogOtlp}). Runs
 * outside everything else so that 404s and errors are recorded too. Features add their own fields
 * to the line through {@link AccessLogFields}.
 */
public final class AccessLogFilter implements WebFilter {

  private static final Logger access = LoggerFactory.getLogger("agw.access");
  private final String listener;
  private final boolean logEnabled;
  private final RequestDurations durations;
  private final GuardrailMetrics guardrails;
  private final Supplier<AccessLogRules> rules;
  private final MetricFields metricFields;
  private final Supplier<AccessLogOtlp> otlp;

  /**
   * @param rules what the line holds and whether it is written ({@code config.logging}, {@code
   *     frontendPolicies.accessLog}), read once per request
   */
  public AccessLogFilter(
      String listener, boolean logEnabled, MeterRegistry meters, Supplier<AccessLogRules> rules) {
    this(listener, logEnabled, meters, rules, MetricFields.NONE);
  }

  /**
   * @param rules what the line holds and whether it is written ({@code config.logging}, {@code
   *     frontendPolicies.accessLog}), read once per request
   * @param metricFields the labels {@code config.metrics.fields} adds to {@code agw.requests}
   */
  public AccessLogFilter(
      String listener,
      boolean logEnabled,
      MeterRegistry meters,
      Supplier<AccessLogRules> rules,
      MetricFields metricFields) {
    this(
        listener,
        logEnabled,
        meters,
        rules,
        metricFields,
        new RequestTimers(meters, metricFields.names()));
  }

  /**
   * @param rules what the line holds and whether it is written ({@code config.logging}, {@code
   *     frontendPolicies.accessLog}), read once per request
   * @param metricFields the labels {@code config.metrics.fields} adds to {@code agw.requests}
   * @param durations where {@code agw.requests} is recorded ({@link
   *     TelemetrySettingsConfiguration#requestDurations})
   */
  public AccessLogFilter(
      String listener,
      boolean logEnabled,
      MeterRegistry meters,
      Supplier<AccessLogRules> rules,
      MetricFields metricFields,
      RequestDurations durations) {
    this(listener, logEnabled, meters, rules, metricFields, durations, () -> null);
  }

  /**
   * @param rules what the line holds and whether it is written ({@code config.logging}, {@code
   *     frontendPolicies.accessLog}), read once per request
   * @param metricFields the labels {@code config.metrics.fields} adds to {@code agw.requests}
   * @param durations where {@code agw.requests} is recorded ({@link
   *     TelemetrySettingsConfiguration#requestDurations})
   * @param otlp the OTLP export of the records ({@code frontendPolicies.accessLog.otlp}), null when
   *     none; read once per request
   */
  public AccessLogFilter(
      String listener,
      boolean logEnabled,
      MeterRegistry meters,
      Supplier<AccessLogRules> rules,
      MetricFields metricFields,
      RequestDurations durations,
      Supplier<AccessLogOtlp> otlp) {
    this.otlp = otlp;
    this.listener = listener;
    this.logEnabled = logEnabled;
    this.durations = durations;
    this.guardrails = new GuardrailMetrics(meters);
    this.rules = rules;
    this.metricFields = metricFields;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long start = System.nanoTime();
    if (!logEnabled) {
      // The byte count is only for the log line: without it the response is not wrapped.
      return chain.filter(exchange).doFinally(signal -> record(exchange, start, 0));
    }
    AtomicLong bytes = new AtomicLong();
    ServerHttpResponseDecorator counting =
        new ServerHttpResponseDecorator(exchange.getResponse()) {
          @Override
          public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(
                Flux.from(body).doOnNext(b -> bytes.addAndGet(b.readableByteCount())));
          }

          @Override
          public Mono<Void> writeAndFlushWith(
              Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(
                Flux.from(body)
                    .map(p -> Flux.from(p).doOnNext(b -> bytes.addAndGet(b.readableByteCount()))));
          }
        };
    ServerWebExchange counted = exchange.mutate().response(counting).build();
    return chain.filter(counted).doFinally(signal -> record(counted, start, bytes.get()));
  }

  /** GenAI fields of an LLM call; never the prompt, the completion or a credential. */
  private static void llmFields(LlmCall llm, Map<String, Object> line) {
    line.put("gen_ai.operation.name", llm.api().operation());
    line.put("gen_ai.provider.name", llm.provider());
    line.put("gen_ai.request.model", llm.requestModel());
    line.put("gen_ai.response.model", llm.responseModel());
    line.put("gen_ai.stream", llm.stream());
    TokenUsage usage = llm.usage();
    putIfSet(line, "gen_ai.usage.input_tokens", usage.inputTokens());
    putIfSet(line, "gen_ai.usage.output_tokens", usage.outputTokens());
    putIfSet(line, "gen_ai.usage.cached_input_tokens", usage.cachedInputTokens());
    putIfSet(line, "gen_ai.usage.reasoning_tokens", usage.reasoningTokens());
    long ttft = llm.timeToFirstTokenNanos();
    if (ttft >= 0) {
      line.put("gen_ai.time_to_first_token_ms", ttft / 1_000_000.0);
    }
    putIfSet(line, "gen_ai.error", llm.error());
    Cost cost = llm.cost();
    if (cost != null) {
      // agentgateway's names; the source says whether the provider reported the tokens.
      line.put("agw.ai.usage.cost.total", cost.total());
      line.put("agw.ai.usage.cost.input", cost.input());
      line.put("agw.ai.usage.cost.output", cost.output());
      line.put("agw.ai.usage.cost.cache_read", cost.cacheRead());
      line.put("agw.ai.usage.cost.cache_write", cost.cacheWrite());
      line.put("agw.ai.usage.cost.reasoning", cost.reasoning());
      line.put("agw.ai.usage.cost.source", cost.source().name().toLowerCase(Locale.ROOT));
    }
  }

  private static void putIfSet(Map<String, Object> line, String key, Object value) {
    if (value != null) {
      line.put(key, value);
    }
  }

  private void record(ServerWebExchange exchange, long start, long bytes) {
    long nanos = System.nanoTime() - start;
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    var status = exchange.getResponse().getStatusCode();
    String route = match == null ? "" : match.route().name();
    String listenerName = match == null ? listener : match.route().listener();
    String backendName = backend == null ? "" : backend.name();
    int code = status == null ? 200 : status.value();
    String method = exchange.getRequest().getMethod().name();
    List<String> custom =
        metricFields.isEmpty()
            ? List.of()
            : metricFields.values(
                CelContext.response(
                    exchange,
                    null,
                    new CelContext.ResponseView(code, exchange.getResponse().getHeaders(), null)));
    durations.record(listenerName, route, backendName, method, code, custom, nanos);
    GuardDecisions decisions = exchange.getAttribute(GuardDecisions.ATTRIBUTE);
    List<GuardDecision> guarded = decisions == null ? List.of() : decisions.all();
    guarded.forEach(guardrails::count);
    AccessLogOtlp export = logEnabled ? otlp.get() : null;
    boolean stdout = logEnabled && access.isInfoEnabled();
    if (!stdout && export == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("listener", listenerName);
    line.put("route", route);
    line.put("backend", backendName);
    line.put("method", method);
    line.put("path", exchange.getRequest().getPath().value());
    line.put("status", code);
    line.put("duration_ms", nanos / 1_000_000.0);
    line.put("bytes", bytes);
    RequestTrace trace = RequestTrace.of(exchange);
    if (trace != null) {
      line.put("trace_id", trace.traceId());
    }
    AccessLogFields.of(exchange).forEach(line::putIfAbsent);
    LlmCall llm = exchange.getAttribute(LlmCall.ATTRIBUTE);
    if (llm != null) {
      llmFields(llm, line);
    }
    McpCall mcp = exchange.getAttribute(McpCall.ATTRIBUTE);
    if (mcp != null) {
      line.put("mcp.method", mcp.method());
      putIfSet(line, "mcp.name", mcp.subject());
      putIfSet(line, "mcp.ok", mcp.ok());
    }
    if (!guarded.isEmpty()) {
      // What each guard did, never what it matched.
      line.put(
          "guardrails",
          guarded.stream()
              .map(
                  d -> {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("guard", d.guard());
                    entry.put("phase", d.phase());
                    entry.put("action", d.action());
                    return entry;
                  })
              .toList());
    }
    Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
    if (caller != null) {
      putCaller(line, caller);
    }
    AccessLogRules shape = rules.get();
    CelContext variables =
        shape.usesCel() || export != null && export.usesCel()
            ? CelContext.response(
                exchange,
                null,
                new CelContext.ResponseView(code, exchange.getResponse().getHeaders(), null))
            : null;
    if (export != null) {
      export.export(line, variables, trace);
    }
    if (!stdout) {
      return;
    }
    String text = shape.line(line, variables);
    if (text != null) {
      access.info(text);
    }
  }

  /** Who called: identities only, never a credential (no token, no key, no password). */
  private static void putCaller(Map<String, Object> line, Caller caller) {
    if (caller.jwt() != null) {
      line.put("jwt_sub", caller.jwt().subject());
      line.put("jwt_iss", caller.jwt().issuer());
    }
    if (caller.apiKey() != null) {
      line.put("api_key", caller.apiKey().metadata());
    }
    if (caller.basicUser() != null) {
      line.put("basic_user", caller.basicUser());
    }
    if (caller.certificate() != null) {
      line.put("client_subject", caller.certificate().subject());
      line.put("client_fingerprint", caller.certificate().fingerprint());
    }
  }
}
