package io.agw.gateway.llm.provider.openai;

/** Maps OpenAI's {@code finish_reason} to Anthropic's {@code stop_reason}. Stateless. */
final class OpenAiFinishReason {

  private OpenAiFinishReason() {}

  static String toStopReason(String finishReason) {
    if (finishReason == null) {
      return "end_turn";
    }
    switch (finishReason) {
      case "length":
        return "max_tokens";
      case "tool_calls":
      case "function_call":
        return "tool_use";
      case "content_filter":
        return "refusal";
      case "stop":
        return "end_turn";
      default:
        // A reason added after this gateway was written: the turn did end.
        return "end_turn";
    }
  }
}
