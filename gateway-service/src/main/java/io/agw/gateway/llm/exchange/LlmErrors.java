package io.agw.gateway.llm.exchange;

import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.provider.anthropic.AnthropicErrorMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ErrorResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Errors the gateway raises on LLM routes, in the client's own format: OpenAI's {@code
 * {"error":{"message","type","param","code"}}} or Anthropic's {@code
 * {"type":"error","error":{"type","message"}}}, as a body or as a stream event. Stateless.
 */
public final class LlmErrors {

  private LlmErrors() {}

  /** The body of an error in {@code dialect}. */
  public static byte[] body(Dialect dialect, int status, String message) {
    Object body =
        switch (dialect) {
          // No front door speaks Bedrock; a Bedrock client would not exist to read its format.
          case OPENAI, BEDROCK -> ErrorResponse.of(message, openAiType(status), null);
          case ANTHROPIC -> AnthropicErrorMapper.forStatus(status, message);
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

  /** Writes an error response, unless the response already started. */
  public static Mono<Void> write(
      ServerHttpResponse response, Dialect dialect, int status, String message) {
    if (response.isCommitted()) {
      return Mono.empty();
    }
    byte[] body = body(dialect, status, message);
    response.setStatusCode(HttpStatus.valueOf(status));
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /** The status for a failure to reach or hear from the upstream. */
  public static int statusOf(Throwable ex) {
    if (ex instanceof ResponseStatusException rse) {
      return rse.getStatusCode().value();
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return 504;
      }
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
        return 503;
      }
    }
    return 502;
  }

  /** A message for a failure that does not leak internals. */
  public static String messageOf(int status) {
    return switch (status) {
      case 503 -> "the LLM provider is unreachable";
      case 504 -> "the LLM provider did not answer in time";
      default -> "the connection to the LLM provider failed";
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
