package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.gateway.llm.wire.gemini.ErrorResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Translates Google error bodies ({@code {"error":{"code","message","status"}}}, which Vertex AI
 * sometimes wraps in a one-element list) into OpenAI and Anthropic error envelopes. The HTTP status
 * is kept as the upstream sent it; the error type is the one the status implies; Google's {@code
 * status} name becomes OpenAI's {@code code}. A body that is not a Google envelope (a proxy's HTML)
 * is carried as the message. Stateless and thread-safe.
 */
public final class GeminiErrorMapper {

  /** The OpenAI error for an upstream error body sent with {@code status}. */
  public io.agw.gateway.llm.wire.openai.ErrorResponse toOpenAi(int status, String body) {
    ErrorResponse.Error error = parse(body);
    return io.agw.gateway.llm.wire.openai.ErrorResponse.of(
        message(status, error, body),
        io.agw.gateway.llm.provider.ClientErrors.openAiType(status),
        error == null ? null : error.status());
  }

  /** The Anthropic error for an upstream error body sent with {@code status}. */
  public io.agw.gateway.llm.wire.anthropic.ErrorResponse toAnthropic(int status, String body) {
    return io.agw.gateway.llm.wire.anthropic.ErrorResponse.of(
        AnthropicErrorType.forStatus(status).type(), message(status, parse(body), body));
  }

  private static String message(int status, ErrorResponse.Error error, String body) {
    if (error != null && error.message() != null) {
      return error.message();
    }
    if (error == null && body != null && !body.isBlank()) {
      return body.strip();
    }
    return "upstream returned HTTP " + status;
  }

  private static ErrorResponse.Error parse(String body) {
    try {
      JsonNode tree = WireJson.tree(body);
      if (tree.isArray() && !tree.isEmpty()) {
        tree = tree.get(0);
      }
      if (tree.isObject() && tree.path("error").isObject()) {
        return WireJson.mapper().treeToValue(tree, ErrorResponse.class).error();
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // Not JSON: the caller carries the text.
    }
    return null;
  }
}
