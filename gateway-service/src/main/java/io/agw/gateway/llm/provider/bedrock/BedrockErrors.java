package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.gateway.llm.wire.anthropic.ErrorResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Bedrock errors in the clients' formats. Bedrock answers errors with {@code {"message": ...}} (the
 * exception name is in the {@code x-amzn-ErrorType} header, and the status says the same); inside a
 * ConverseStream they are exception frames named like {@code throttlingException}. The HTTP status
 * is kept; the error type is the one the status (or exception) implies.
 *
 * <p>Stateless and thread-safe.
 */
public final class BedrockErrors {

  private BedrockErrors() {}

  /** An Anthropic error body for a Bedrock error response. */
  public static ErrorResponse toAnthropic(int status, String body) {
    return ErrorResponse.of(AnthropicErrorType.forStatus(status).type(), message(status, body));
  }

  /** An OpenAI error body for a Bedrock error response. */
  public static io.agw.gateway.llm.wire.openai.ErrorResponse toOpenAi(int status, String body) {
    return io.agw.gateway.llm.wire.openai.ErrorResponse.of(
        message(status, body), openAiType(status), null);
  }

  /** The message of a Bedrock error body, or its text when it is not JSON. */
  static String message(int status, String body) {
    if (body == null || body.isBlank()) {
      return "upstream returned HTTP " + status;
    }
    try {
      JsonNode tree = WireJson.tree(body);
      for (String field : new String[] {"message", "Message"}) {
        if (tree.path(field).isString()) {
          return tree.get(field).asString();
        }
      }
    } catch (JacksonException e) {
      // Not JSON (a proxy's page): carry the text.
    }
    return body.strip();
  }

  static String openAiType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "service_unavailable";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** The status an exception frame of a ConverseStream stands for. */
  static int exceptionStatus(String exception) {
    if (exception == null) {
      return 500;
    }
    return switch (exception) {
      case "throttlingException" -> 429;
      case "validationException" -> 400;
      case "serviceUnavailableException" -> 503;
      case "accessDeniedException" -> 403;
      default -> 500;
    };
  }

  /** The Anthropic error type of an exception frame. */
  static String anthropicType(String exception) {
    int status = exceptionStatus(exception);
    return status == 503 ? "overloaded_error" : AnthropicErrorType.forStatus(status).type();
  }

  /** The OpenAI error type of an exception frame. */
  static String openAiTypeOfException(String exception) {
    return openAiType(exceptionStatus(exception));
  }
}
