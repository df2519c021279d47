package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.gateway.llm.wire.openai.ErrorResponse;
import tools.jackson.core.JacksonException;

/**
 * Translates OpenAI error envelopes into Anthropic ones for Messages clients. The HTTP status is
 * kept as the upstream sent it; the Anthropic error type is the one that status implies (see {@link
 * AnthropicErrorType}), since OpenAI's {@code type} values are not a closed set.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiErrorMapper {

  /** Translates a parsed OpenAI error sent with {@code status}. */
  public io.agw.gateway.llm.wire.anthropic.ErrorResponse toAnthropic(
      int status, ErrorResponse error) {
    String message =
        error != null && error.error() != null && error.error().message() != null
            ? error.error().message()
            : "upstream returned HTTP " + status;
    return io.agw.gateway.llm.wire.anthropic.ErrorResponse.of(
        AnthropicErrorType.forStatus(status).type(), message);
  }

  /**
   * Translates a raw error body: an OpenAI envelope when it parses as one, else the body text as
   * the message.
   */
  public io.agw.gateway.llm.wire.anthropic.ErrorResponse toAnthropic(int status, String body) {
    try {
      ErrorResponse parsed = WireJson.read(body, ErrorResponse.class);
      if (parsed != null && parsed.error() != null) {
        return toAnthropic(status, parsed);
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // Not JSON: fall through and carry the text.
    }
    String message = body == null || body.isBlank() ? null : body.strip();
    return toAnthropic(status, ErrorResponse.of(message, null, null));
  }
}
