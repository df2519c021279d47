package io.agw.gateway.llm.call;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ClientErrors;
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
    return ClientErrors.body(dialect, status, message);
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
}
