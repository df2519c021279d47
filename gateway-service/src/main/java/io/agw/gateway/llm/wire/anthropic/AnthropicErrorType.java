package io.agw.gateway.llm.wire.anthropic;

/**
 * Anthropic's error types and the HTTP status each goes with. Used in both directions: to name the
 * type of an error whose status is known, and to find the status of a typed error.
 */
public enum AnthropicErrorType {
  INVALID_REQUEST(400, "invalid_request_error"),
  AUTHENTICATION(401, "authentication_error"),
  PERMISSION(403, "permission_error"),
  NOT_FOUND(404, "not_found_error"),
  REQUEST_TOO_LARGE(413, "request_too_large"),
  RATE_LIMIT(429, "rate_limit_error"),
  API(500, "api_error"),
  OVERLOADED(529, "overloaded_error");

  private final int status;
  private final String type;

  AnthropicErrorType(int status, String type) {
    this.status = status;
    this.type = type;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The {@code error.type} value. */
  public String type() {
    return type;
  }

  /**
   * The type for an HTTP status: the exact entry, else {@code invalid_request_error} for other 4xx
   * and {@code api_error} for anything else.
   */
  public static AnthropicErrorType forStatus(int status) {
    for (AnthropicErrorType t : values()) {
      if (t.status == status) {
        return t;
      }
    }
    return status >= 400 && status < 500 ? INVALID_REQUEST : API;
  }

  /** The entry for an {@code error.type} value, or {@link #API} when unknown. */
  public static AnthropicErrorType forType(String type) {
    for (AnthropicErrorType t : values()) {
      if (t.type.equals(type)) {
        return t;
      }
    }
    return API;
  }
}
