package io.agw.gateway.llm.provider.bedrock;

/**
 * Converse stop reasons in the clients' terms. Guardrail and content-filter stops are {@code
 * content_filter} for OpenAI clients and {@code refusal} for Anthropic clients; running out of
 * context is a length stop.
 */
final class BedrockStopReason {

  private BedrockStopReason() {}

  static String toAnthropic(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "tool_use" -> "tool_use";
      case "max_tokens", "model_context_window_exceeded" -> "max_tokens";
      case "stop_sequence" -> "stop_sequence";
      case "guardrail_intervened", "content_filtered" -> "refusal";
      default -> "end_turn";
    };
  }

  static String toOpenAi(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "guardrail_intervened", "content_filtered" -> "content_filter";
      default -> "stop";
    };
  }
}
