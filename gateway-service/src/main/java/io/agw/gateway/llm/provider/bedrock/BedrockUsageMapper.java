package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import io.agw.gateway.llm.wire.openai.ResponseUsage;

/**
 * Converse usage in each client's terms and for telemetry. Like Anthropic's, Converse {@code
 * inputTokens} excludes cache reads and writes; they are reported beside it ({@code
 * prompt_tokens_details} and the {@code cache_*_input_tokens} extensions for OpenAI chat clients,
 * {@code input_tokens_details} for Responses clients). The total is Bedrock's own, which includes
 * the cached tokens. Stateless.
 */
public final class BedrockUsageMapper {

  private BedrockUsageMapper() {}

  static Usage toAnthropic(BedrockUsage usage) {
    if (usage == null) {
      return new Usage(0L, 0L);
    }
    return new Usage(
        orZero(usage.inputTokens()),
        orZero(usage.outputTokens()),
        usage.cacheWriteInputTokens(),
        usage.cacheReadInputTokens(),
        null,
        null);
  }

  static ChatUsage toChat(BedrockUsage usage) {
    if (usage == null) {
      return new ChatUsage(0L, 0L, 0L, null, null, null, null, null);
    }
    long input = orZero(usage.inputTokens());
    long output = orZero(usage.outputTokens());
    Long read = usage.cacheReadInputTokens();
    Long write = usage.cacheWriteInputTokens();
    boolean cache = read != null || write != null;
    return new ChatUsage(
        input,
        output,
        usage.totalTokens() != null ? usage.totalTokens() : input + output,
        cache ? new ChatUsage.PromptDetails(orZero(read), orZero(write), null) : null,
        null,
        cache ? orZero(read) : null,
        cache ? orZero(write) : null,
        null);
  }

  /**
   * Responses usage: {@code cached_tokens} always, {@code cache_write_tokens} when Bedrock reports
   * writes; Converse reports no reasoning tokens apart.
   */
  static ResponseUsage toResponses(BedrockUsage usage) {
    long input = orZero(usage.inputTokens());
    long output = orZero(usage.outputTokens());
    return ResponseUsage.of(
        input,
        orZero(usage.cacheReadInputTokens()),
        usage.cacheWriteInputTokens(),
        output,
        0,
        usage.totalTokens() != null ? usage.totalTokens() : input + output);
  }

  /** The usage for telemetry; {@code model} is the model the gateway called. */
  public static TokenUsage toTokenUsage(BedrockUsage usage, String model) {
    if (usage == null) {
      return new TokenUsage(null, null, null, null, null, null, null, model);
    }
    Long total = usage.totalTokens();
    if (total == null && (usage.inputTokens() != null || usage.outputTokens() != null)) {
      total = orZero(usage.inputTokens()) + orZero(usage.outputTokens());
    }
    return new TokenUsage(
        usage.inputTokens(),
        usage.outputTokens(),
        total,
        usage.cacheReadInputTokens(),
        usage.cacheWriteInputTokens(),
        null,
        null,
        model);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
