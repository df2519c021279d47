package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.gateway.llm.wire.gemini.GeminiStatus;
import io.agw.gateway.llm.wire.openai.ErrorResponse;
import java.nio.charset.StandardCharsets;

/**
 * The error-body contract shared by the gateway and every provider: an error the gateway raises,
 * written in the client's own format - OpenAI's {@code
 * {"error":{"message","type","param","code"}}}, Anthropic's {@code
 * {"type":"error","error":{"type","message"}}} or Google's {@code
 * {"error":{"code","message","status"}}} - as a body or as the event that ends a stream. Stateless.
 */
public final class ClientErrors {

  private ClientErrors() {}

  /** The body of an error in {@code dialect}. */
  public static byte[] body(Dialect dialect, int status, String message) {
    Object body =
        switch (dialect) {
          // No front door speaks Bedrock; a Bedrock client would not exist to read its format.
          case OPENAI, BEDROCK -> ErrorResponse.of(message, openAiType(status), null);
          case ANTHROPIC ->
              io.agw.gateway.llm.wire.anthropic.ErrorResponse.of(
                  AnthropicErrorType.forStatus(status).type(), message);
          case GEMINI ->
              io.agw.gateway.llm.wire.gemini.ErrorResponse.of(
                  status, message, GeminiStatus.forHttp(status));
        };
    return WireJson.write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** An SSE error event in {@code dialect}, ending a stream that already started. */
  public static String streamEvent(Dialect dialect, String errorType, String message) {
    return switch (dialect) {
      case OPENAI, BEDROCK ->
          SseWriter.write(
              SseEvent.data(WireJson.write(ErrorResponse.of(message, errorType, null))));
      case ANTHROPIC ->
          SseWriter.write(
              new SseEvent(
                  "error",
                  WireJson.write(
                      io.agw.gateway.llm.wire.anthropic.ErrorResponse.of(errorType, message))));
      case GEMINI ->
          SseWriter.write(
              SseEvent.data(
                  WireJson.write(
                      io.agw.gateway.llm.wire.gemini.ErrorResponse.of(500, message, "INTERNAL"))));
    };
  }

  /** OpenAI's error type for a status. */
  public static String openAiType(int status) {
    return switch (status) {
      case 400, 404, 413, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "service_unavailable";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }
}
