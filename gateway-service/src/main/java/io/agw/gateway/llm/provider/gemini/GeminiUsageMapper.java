package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.openai.OpenAiUsageMapper;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse.UsageMetadata;
import io.agw.gateway.llm.wire.openai.ChatUsage;

/**
 * Converts Gemini's {@code usageMetadata} to OpenAI usage and to telemetry. Gemini counts thinking
 * tokens apart from {@code candidatesTokenCount}; OpenAI's {@code completion_tokens} includes
 * reasoning, so the two are added and the thinking part is reported as {@code reasoning_tokens}.
 * Stateless.
 */
public final class GeminiUsageMapper {

  private GeminiUsageMapper() {}

  /** OpenAI usage; null when Gemini reported none. */
  public static ChatUsage toOpenAi(UsageMetadata usage) {
    if (usage == null) {
      return null;
    }
    long prompt = orZero(usage.promptTokenCount());
    long completion = orZero(usage.candidatesTokenCount()) + orZero(usage.thoughtsTokenCount());
    long total = usage.totalTokenCount() != null ? usage.totalTokenCount() : prompt + completion;
    return new ChatUsage(
        prompt,
        completion,
        total,
        usage.cachedContentTokenCount() == null
            ? null
            : new ChatUsage.PromptDetails(usage.cachedContentTokenCount(), null, null),
        usage.thoughtsTokenCount() == null
            ? null
            : new ChatUsage.CompletionDetails(usage.thoughtsTokenCount(), null),
        null,
        null,
        null);
  }

  /** Telemetry usage. */
  public static TokenUsage toTokenUsage(UsageMetadata usage, String model) {
    return OpenAiUsageMapper.toTokenUsage(toOpenAi(usage), model, null);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
