package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.gateway.llm.wire.anthropic.ErrorResponse;
import tools.jackson.core.JacksonException;

/**
 * Translates Anthropic error envelopes into OpenAI ones for chat completion clients. The HTTP
 * status is kept as the upstream sent it; the OpenAI {@code type} is the Anthropic error type (or
 * the one the status implies), {@code param} and {@code code} are null.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnthropicErrorMapper {

  /** Translates a parsed Anthropic error sent with {@code status}. */
  public io.agw.gateway.llm.wire.openai.ErrorResponse toOpenAi(int status, ErrorResponse error) {
    String type =
        error != null && error.error() != null && error.error().type() != null
            ? error.error().type()
            : AnthropicErrorType.forStatus(status).type();
    String message =
        error != null && error.error() != null && error.error().message() != null
            ? error.error().message()
            : "upstream returned HTTP " + status;
    return io.agw.gateway.llm.wire.openai.ErrorResponse.of(message, type, null);
  }

  /**
   * Translates a raw error body: an Anthropic envelope when it parses as one, else the body text as
   * the message (proxies in front of the upstream answer with HTML or plain text).
   */
  public io.agw.gateway.llm.wire.openai.ErrorResponse toOpenAi(int status, String body) {
    try {
      ErrorResponse parsed = WireJson.read(body, ErrorResponse.class);
      if (parsed != null && parsed.error() != null) {
        return toOpenAi(status, parsed);
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // Not JSON: fall through and carry the text.
    }
    String message = body == null || body.isBlank() ? null : body.strip();
    return toOpenAi(status, ErrorResponse.of(AnthropicErrorType.forStatus(status).type(), message));
  }

  /** An Anthropic error built for {@code status}, for errors the gateway itself raises. */
  public static ErrorResponse forStatus(int status, String message) {
    return ErrorResponse.of(AnthropicErrorType.forStatus(status).type(), message);
  }
}
