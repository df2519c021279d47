package io.agw.gateway.llm.provider.gemini;

/**
 * Maps Gemini's {@code finishReason} to OpenAI's {@code finish_reason}. Gemini ends a turn that
 * called functions with {@code STOP}; OpenAI clients expect {@code tool_calls} then, so the caller
 * says whether the turn called any.
 */
final class GeminiFinishReason {

  private GeminiFinishReason() {}

  static String toOpenAi(String reason, boolean calledTools) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case "MAX_TOKENS" -> "length";
      case "SAFETY",
          "RECITATION",
          "BLOCKLIST",
          "PROHIBITED_CONTENT",
          "SPII",
          "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT" ->
          "content_filter";
      default -> calledTools ? "tool_calls" : "stop";
    };
  }
}
