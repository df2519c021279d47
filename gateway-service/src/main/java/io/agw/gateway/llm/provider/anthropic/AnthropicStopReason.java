package io.agw.gateway.llm.provider.anthropic;

/** Maps Anthropic's {@code stop_reason} to OpenAI's {@code finish_reason}. Stateless. */
final class AnthropicStopReason {

  private AnthropicStopReason() {}

  static String toFinishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    switch (stopReason) {
      case "end_turn":
      case "stop_sequence":
      case "pause_turn":
        return "stop";
      case "max_tokens":
      case "model_context_window_exceeded":
        return "length";
      case "tool_use":
        return "tool_calls";
      case "refusal":
        return "content_filter";
      default:
        // A reason added after this gateway was written: the turn did end, so "stop".
        return "stop";
    }
  }
}
