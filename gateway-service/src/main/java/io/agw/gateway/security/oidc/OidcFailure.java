package io.agw.gateway.security.oidc;

import org.springframework.http.HttpStatus;

/**
 * Why a login step failed, as the client is told: a status, an error type and a message that names
 * no token, code or secret. The cause, when there is one, is for the log.
 */
final class OidcFailure extends RuntimeException {

  private final HttpStatus status;
  private final String type;

  OidcFailure(HttpStatus status, String type, String message) {
    this(status, type, message, null);
  }

  OidcFailure(HttpStatus status, String type, String message, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.type = type;
  }

  static OidcFailure forbidden(String message) {
    return new OidcFailure(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  static OidcFailure unauthorized(String message) {
    return new OidcFailure(HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  HttpStatus status() {
    return status;
  }

  String type() {
    return type;
  }
}
