package io.agw.gateway.llm.provider.anthropic;

/**
 * Maps OpenAI's {@code reasoning_effort} to an Anthropic thinking budget. Anthropic requires a
 * budget of at least 1024 tokens and below {@code max_tokens}; an effort that cannot fit turns
 * thinking off rather than failing the request.
 */
public final class ThinkingBudget {

  static final int MIN_BUDGET = 1024;

  private ThinkingBudget() {}

  /** The budget for an effort, capped to {@code maxTokens - 1}, or null for no thinking. */
  public static Integer forEffort(String effort, int maxTokens) {
    Integer budget = uncapped(effort);
    if (budget == null || maxTokens <= MIN_BUDGET) {
      return null;
    }
    return Math.min(budget, maxTokens - 1);
  }

  private static Integer uncapped(String effort) {
    if (effort == null) {
      return null;
    }
    switch (effort) {
      case "minimal":
      case "low":
        return 1024;
      case "medium":
        return 2048;
      case "high":
        return 4096;
      case "xhigh":
        return 8192;
      default:
        // "none" and values this gateway does not know leave thinking off.
        return null;
    }
  }
}
