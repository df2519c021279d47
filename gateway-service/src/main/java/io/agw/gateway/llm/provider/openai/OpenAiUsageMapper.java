package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.openai.ChatUsage;

/**
 * Converts OpenAI usage to Anthropic usage and to telemetry. OpenAI's {@code prompt_tokens}
 * includes cached tokens, Anthropic's {@code input_tokens} does not, so cache reads ({@code
 * cached_tokens}) and writes ({@code cache_write_tokens}) are subtracted. Stateless.
 */
public final class OpenAiUsageMapper {

  private OpenAiUsageMapper() {}

  static Usage toAnthropic(ChatUsage usage, String serviceTier) {
    if (usage == null) {
      return new Usage(0L, 0L, null, null, serviceTier, null);
    }
    Long cacheRead = cacheRead(usage);
    Long cacheWrite = cacheWrite(usage);
    long input = orZero(usage.promptTokens()) - orZero(cacheRead) - orZero(cacheWrite);
    return new Usage(
        Math.max(0, input),
        orZero(usage.completionTokens()),
        cacheWrite,
        cacheRead,
        serviceTier,
        null);
  }

  public static TokenUsage toTokenUsage(ChatUsage usage, String model, String serviceTier) {
    if (usage == null) {
      return new TokenUsage(null, null, null, null, null, null, serviceTier, model);
    }
    Long total = usage.totalTokens();
    if (total == null && (usage.promptTokens() != null || usage.completionTokens() != null)) {
      total = orZero(usage.promptTokens()) + orZero(usage.completionTokens());
    }
    return new TokenUsage(
        usage.promptTokens(),
        usage.completionTokens(),
        total,
        cacheRead(usage),
        cacheWrite(usage),
        usage.completionTokensDetails() == null
            ? null
            : usage.completionTokensDetails().reasoningTokens(),
        serviceTier,
        model);
  }

  private static Long cacheRead(ChatUsage usage) {
    if (usage.promptTokensDetails() != null && usage.promptTokensDetails().cachedTokens() != null) {
      return usage.promptTokensDetails().cachedTokens();
    }
    return usage.cacheReadInputTokens();
  }

  private static Long cacheWrite(ChatUsage usage) {
    if (usage.promptTokensDetails() != null
        && usage.promptTokensDetails().cacheWriteTokens() != null) {
      return usage.promptTokensDetails().cacheWriteTokens();
    }
    return usage.cacheCreationInputTokens();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
