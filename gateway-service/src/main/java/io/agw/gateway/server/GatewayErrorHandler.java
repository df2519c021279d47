package io.agw.gateway.server;

import io.agw.gateway.errorformat.ClientErrorFormat;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns failures on traffic ports into a JSON error body with the right status: no route 404, body
 * too large 413, backend unreachable 503, backend timeout 504, anything unexpected 500. The body is
 * the gateway's own JSON error, or the client's API's error when the exchange carries a {@link
 * ClientErrorFormat} (LLM routes). The client never sees a stack trace; the log gets the cause for
 * 5xx.
 */
final class GatewayErrorHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The status and message for a failure. */
  record ErrorBody(HttpStatusCode status, String type, String message) {}

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
    var response = exchange.getResponse();
    if (response.isCommitted()) {
      log.debug("error after the response started; closing: {}", ex.toString());
      return Mono.error(ex);
    }
    ErrorBody error = classify(ex);
    if (error.status().is5xxServerError()) {
      log.warn(
          "{} {} -> {}: {}",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath(),
          error.status().value(),
          ex.toString());
    }
    response.setStatusCode(error.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    ClientErrorFormat format = exchange.getAttribute(ClientErrorFormat.ATTRIBUTE);
    byte[] body =
        format != null ? format.body(error.status().value(), error.message()) : json(error);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  static ErrorBody classify(Throwable ex) {
    if (ex instanceof NoRouteException) {
      return new ErrorBody(HttpStatus.NOT_FOUND, "route_not_found", ex.getMessage());
    }
    if (ex instanceof DataBufferLimitException) {
      return new ErrorBody(HttpStatus.CONTENT_TOO_LARGE, "request_too_large", ex.getMessage());
    }
    if (ex instanceof ResponseStatusException rse) {
      if (rse.getStatusCode().value() == 504 || hasCause(ex, TimeoutException.class)) {
        return new ErrorBody(HttpStatus.GATEWAY_TIMEOUT, "timeout", reason(rse));
      }
      return new ErrorBody(rse.getStatusCode(), typeOf(rse.getStatusCode()), reason(rse));
    }
    if (hasCause(ex, TimeoutException.class)) {
      return new ErrorBody(HttpStatus.GATEWAY_TIMEOUT, "timeout", "upstream request timed out");
    }
    if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)) {
      return new ErrorBody(
          HttpStatus.SERVICE_UNAVAILABLE, "backend_unavailable", "the backend is unreachable");
    }
    if (hasCause(ex, java.io.IOException.class)) {
      return new ErrorBody(
          HttpStatus.BAD_GATEWAY, "backend_error", "the connection to the backend failed");
    }
    log.error("unexpected failure", ex);
    return new ErrorBody(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  private static String reason(ResponseStatusException e) {
    return e.getReason() != null ? e.getReason() : e.getStatusCode().toString();
  }

  private static String typeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad_request";
      case 408 -> "request_timeout";
      case 413 -> "request_too_large";
      case 421 -> "misdirected_request";
      case 431 -> "request_header_fields_too_large";
      case 503 -> "backend_unavailable";
      case 504 -> "timeout";
      default -> status.is4xxClientError() ? "client_error" : "gateway_error";
    };
  }

  private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static byte[] json(ErrorBody error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", error.type());
    body.put("message", error.message());
    body.put("status", error.status().value());
    return JSON.writeValueAsBytes(Map.of("error", body));
  }
}
