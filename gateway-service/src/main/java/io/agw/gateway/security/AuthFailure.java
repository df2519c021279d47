package io.agw.gateway.security;

import io.agw.gateway.errorformat.PolicyErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes 401 answers with their {@code WWW-Authenticate} challenge. Stateless. */
final class AuthFailure {

  private AuthFailure() {}

  static Mono<Void> unauthorized(ServerWebExchange exchange, String challenge, String message) {
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return PolicyErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  /** A quoted auth-param value (RFC 9110), quotes and backslashes escaped. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
