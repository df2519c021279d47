package io.agw.gateway.llm.telemetry;

import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.TokenUsage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Records LLM calls as Micrometer meters with the OpenTelemetry GenAI names: {@code
 * gen_ai.client.token.usage} (tokens, by {@code gen_ai.token.type}: {@code input}, {@code output},
 * and this gateway's {@code cached_input} and {@code reasoning}), {@code
 * gen_ai.server.time_to_first_token} and {@code gen_ai.client.operation.duration} (seconds), all
 * tagged with {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code
 * gen_ai.request.model} and {@code gen_ai.response.model}. Thread-safe.
 */
public final class LlmMetrics {

  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  public static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

  private final MeterRegistry meters;

  public LlmMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Records a finished call. */
  public void record(LlmCall call, long endNanos) {
    Tags tags =
        Tags.of(
            "gen_ai.operation.name", call.api().operation(),
            "gen_ai.provider.name", call.provider(),
            "gen_ai.request.model", call.requestModel(),
            "gen_ai.response.model", call.responseModel());
    TokenUsage usage = call.usage();
    tokens(tags, "input", usage.inputTokens());
    tokens(tags, "output", usage.outputTokens());
    tokens(tags, "cached_input", usage.cachedInputTokens());
    tokens(tags, "reasoning", usage.reasoningTokens());
    seconds(
        OPERATION_DURATION,
        "Duration of LLM calls through the gateway",
        tags,
        endNanos - call.startNanos());
    long ttft = call.timeToFirstTokenNanos();
    if (ttft >= 0) {
      seconds(TIME_TO_FIRST_TOKEN, "Time to the first streamed output", tags, ttft);
    }
  }

  private void tokens(Tags tags, String type, Long count) {
    if (count == null) {
      return;
    }
    DistributionSummary.builder(TOKEN_USAGE)
        .description("Tokens used by LLM calls")
        .baseUnit("tokens")
        .tags(tags)
        .tag("gen_ai.token.type", type)
        .register(meters)
        .record(count);
  }

  private void seconds(String name, String description, Tags tags, long nanos) {
    DistributionSummary.builder(name)
        .description(description)
        .baseUnit("seconds")
        .tags(tags)
        .register(meters)
        .record(nanos / 1e9);
  }
}
