package io.agw.gateway.admin.api;

import org.springframework.http.HttpStatus;

/**
 * A refusal of an admin API call, answered as {@code {"error":{"type","message"}}} with {@code
 * status} by {@link AdminApiErrors#handle}. The message is shown to the caller: never put a secret
 * in it.
 */
public final class AdminApiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;

  public AdminApiException(HttpStatus status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** 400: {@code field} of the request is wrong, as {@code problem} says. */
  public static AdminApiException invalid(String field, String problem) {
    return new AdminApiException(
        HttpStatus.BAD_REQUEST, "invalid_request", "'" + field + "' " + problem);
  }

  /** 404: no {@code what} has the id {@code id}. */
  public static AdminApiException notFound(String what, String id) {
    return new AdminApiException(HttpStatus.NOT_FOUND, "not_found", "no " + what + " '" + id + "'");
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }
}
