package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.llm.wire.anthropic.MessagesRequest;

/**
 * Derives OpenAI's {@code reasoning_effort} from Anthropic's thinking settings. Stateless.
 *
 * <p>An explicit {@code output_config.effort} wins; an {@code enabled} thinking budget maps to an
 * effort by size; {@code adaptive} without an effort leaves the model's default. GPT-5 models after
 * 5.2 reject reasoning together with function tools on chat completions, so such requests get
 * {@code none}.
 */
final class ReasoningEffort {

  private ReasoningEffort() {}

  static String of(MessagesRequest request, boolean hasTools) {
    if (hasTools && rejectsReasoningWithTools(request.model())) {
      return "none";
    }
    if (request.outputConfig() != null && request.outputConfig().effort() != null) {
      String effort = request.outputConfig().effort();
      return "max".equals(effort) ? "high" : effort;
    }
    if (request.thinking() == null || !"enabled".equals(request.thinking().type())) {
      return null;
    }
    Integer budget = request.thinking().budgetTokens();
    if (budget == null || budget < 4096) {
      return "low";
    }
    return budget < 16384 ? "medium" : "high";
  }

  private static boolean rejectsReasoningWithTools(String model) {
    if (model == null || !model.startsWith("gpt-5")) {
      return false;
    }
    return !(model.equals("gpt-5")
        || model.startsWith("gpt-5-")
        || model.startsWith("gpt-5.1")
        || model.startsWith("gpt-5.2"));
  }
}
