package io.agw.gateway.telemetry;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.web.server.ServerWebExchange;

/**
 * The span of an LLM call (OpenTelemetry GenAI client conventions: {@code {gen_ai.operation.name}
 * {gen_ai.request.model}}, kind client), from the moment the gateway took the request as an LLM
 * call until the response was relayed; the HTTP attempts to providers are its children. Started
 * with the first upstream attempt (or at the end when no provider was called), ended with the
 * server span, when the usage the access log reports is known. Never records prompts or
 * completions. Static helpers; the span lives in an exchange attribute.
 */
final class LlmSpan {

  private static final String ATTRIBUTE = LlmSpan.class.getName();

  private static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("gen_ai.provider.name");
  private static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  private static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");

  // agentgateway's names: cost is not part of the GenAI semantic conventions.
  private static final AttributeKey<Double> COST_TOTAL =
      AttributeKey.doubleKey("agw.ai.usage.cost.total");
  private static final AttributeKey<Double> COST_INPUT =
      AttributeKey.doubleKey("agw.ai.usage.cost.input");
  private static final AttributeKey<Double> COST_OUTPUT =
      AttributeKey.doubleKey("agw.ai.usage.cost.output");
  private static final AttributeKey<Double> COST_CACHE_READ =
      AttributeKey.doubleKey("agw.ai.usage.cost.cache_read");
  private static final AttributeKey<Double> COST_CACHE_WRITE =
      AttributeKey.doubleKey("agw.ai.usage.cost.cache_write");
  private static final AttributeKey<Double> COST_REASONING =
      AttributeKey.doubleKey("agw.ai.usage.cost.reasoning");
  private static final AttributeKey<String> COST_SOURCE =
      AttributeKey.stringKey("agw.ai.usage.cost.source");

  private LlmSpan() {}

  /** The parent of an upstream attempt: the LLM span of an LLM call (started now if needed). */
  static Span parent(ServerWebExchange exchange, RequestTrace trace) {
    LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
    if (call == null) {
      return null;
    }
    return (Span) exchange.getAttributes().computeIfAbsent(ATTRIBUTE, k -> start(call, trace));
  }

  /** Ends the LLM span of the exchange, if it is an LLM call; called when the exchange ends. */
  static void end(ServerWebExchange exchange, RequestTrace trace) {
    LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
    if (call == null) {
      return;
    }
    Span span = parent(exchange, trace);
    if (span.isRecording()) {
      span.updateName(name(call));
      span.setAttribute(PROVIDER, call.provider());
      span.setAttribute(REQUEST_MODEL, call.requestModel());
      span.setAttribute(RESPONSE_MODEL, call.responseModel());
      TokenUsage usage = call.usage();
      if (usage.inputTokens() != null) {
        span.setAttribute(INPUT_TOKENS, usage.inputTokens().longValue());
      }
      if (usage.outputTokens() != null) {
        span.setAttribute(OUTPUT_TOKENS, usage.outputTokens().longValue());
      }
      Cost cost = call.cost();
      if (cost != null) {
        span.setAttribute(COST_TOTAL, cost.total());
        span.setAttribute(COST_INPUT, cost.input());
        span.setAttribute(COST_OUTPUT, cost.output());
        span.setAttribute(COST_CACHE_READ, cost.cacheRead());
        span.setAttribute(COST_CACHE_WRITE, cost.cacheWrite());
        span.setAttribute(COST_REASONING, cost.reasoning());
        span.setAttribute(COST_SOURCE, cost.source().name().toLowerCase(Locale.ROOT));
      }
      if (call.error() != null) {
        span.setAttribute(ServerSpanFilter.ERROR_TYPE, call.error());
        span.setStatus(StatusCode.ERROR);
      }
    }
    span.end();
  }

  private static Span start(LlmCall call, RequestTrace trace) {
    // The call began when the gateway read the request, before any attempt: back-date the span.
    long ago = System.nanoTime() - call.startNanos();
    Instant now = Instant.now();
    long startEpochNanos =
        TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano() - Math.max(0, ago);
    return trace
        .child(name(call), SpanKind.CLIENT, null)
        .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
        .setAttribute(OPERATION, call.api().operation())
        .startSpan();
  }

  private static String name(LlmCall call) {
    String model = call.requestModel();
    return model.isEmpty() ? call.api().operation() : call.api().operation() + " " + model;
  }
}
