package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.openai.ChatUsage;

/**
 * Converts Anthropic usage to OpenAI usage and to telemetry.
 *
 * <p>Convention (shared with the reference fixtures): {@code prompt_tokens} is Anthropic's {@code
 * input_tokens} as is, which excludes cache reads and writes; those are reported in {@code
 * prompt_tokens_details.cached_tokens} / {@code cache_write_tokens} and in the top-level {@code
 * cache_read_input_tokens} / {@code cache_creation_input_tokens}. Stateless.
 */
public final class AnthropicUsageMapper {

  private AnthropicUsageMapper() {}

  static ChatUsage toChatUsage(Usage usage) {
    if (usage == null) {
      return null;
    }
    long input = orZero(usage.inputTokens());
    long output = orZero(usage.outputTokens());
    Long cacheRead = usage.cacheReadInputTokens();
    Long cacheWrite = usage.cacheCreationInputTokens();
    ChatUsage.PromptDetails details =
        cacheRead == null && cacheWrite == null
            ? null
            : new ChatUsage.PromptDetails(orZero(cacheRead), orZero(cacheWrite), null);
    return new ChatUsage(input, output, input + output, details, null, cacheRead, cacheWrite, null);
  }

  public static TokenUsage toTokenUsage(Usage usage, String model) {
    if (usage == null) {
      return new TokenUsage(null, null, null, null, null, null, null, model);
    }
    Long total =
        usage.inputTokens() == null && usage.outputTokens() == null
            ? null
            : orZero(usage.inputTokens()) + orZero(usage.outputTokens());
    return new TokenUsage(
        usage.inputTokens(),
        usage.outputTokens(),
        total,
        usage.cacheReadInputTokens(),
        usage.cacheCreationInputTokens(),
        null,
        usage.serviceTier(),
        model);
  }

  /** {@code latest}'s reported fields over {@code earlier}'s: streams report usage twice. */
  public static Usage merge(Usage earlier, Usage latest) {
    if (earlier == null) {
      return latest;
    }
    if (latest == null) {
      return earlier;
    }
    return new Usage(
        pick(latest.inputTokens(), earlier.inputTokens()),
        pick(latest.outputTokens(), earlier.outputTokens()),
        pick(latest.cacheCreationInputTokens(), earlier.cacheCreationInputTokens()),
        pick(latest.cacheReadInputTokens(), earlier.cacheReadInputTokens()),
        pick(latest.serviceTier(), earlier.serviceTier()),
        null);
  }

  private static <T> T pick(T latest, T earlier) {
    return latest != null ? latest : earlier;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
