package io.agw.gateway.admin.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's error answers: {@code {"error":{"type":"...","message":"..."}}} with the status.
 * A database that cannot be reached is 503 (the usage store may still be connecting). Stateless.
 */
public final class AdminApiErrors {

  private static final Logger log = LoggerFactory.getLogger(AdminApiErrors.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AdminApiErrors() {}

  /** The error answer of a handler. */
  public static Mono<ServerResponse> response(HttpStatus status, String type, String message) {
    return ServerResponse.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body(type, message));
  }

  /**
   * The answer to a handler's failure: an {@link AdminApiException} as it says, an unreachable
   * database as 503, anything else as 500 (logged, without detail to the caller).
   */
  public static Mono<ServerResponse> handle(Throwable error) {
    if (error instanceof AdminApiException e) {
      return response(e.status(), e.type(), e.getMessage());
    }
    if (error instanceof DataAccessException) {
      log.warn("admin API: the usage store is not available: {}", error.toString());
      return response(
          HttpStatus.SERVICE_UNAVAILABLE,
          "store_unavailable",
          "the usage store (agw.database.url) is not available; retry later");
    }
    log.error("admin API call failed", error);
    return response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  /** Ends {@code exchange} with an error (for web filters, before any handler). */
  static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String msg) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] bytes = JSON.writeValueAsString(body(type, msg)).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().setContentLength(bytes.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
  }

  private static Map<String, Object> body(String type, String message) {
    return Map.of("error", Map.of("type", type, "message", message));
  }
}
