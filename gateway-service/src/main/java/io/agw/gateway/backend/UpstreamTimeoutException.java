package io.agw.gateway.backend;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The upstream did not answer within a route's timeout (the whole exchange's {@code
 * requestTimeout}, or one upstream call's {@code backendRequestTimeout}): 504, with the one message
 * every route and API uses, {@code upstream request timed out after N ms}.
 */
public final class UpstreamTimeoutException extends ResponseStatusException {

  public UpstreamTimeoutException(Duration timeout, Throwable cause) {
    super(HttpStatus.GATEWAY_TIMEOUT, message(timeout), cause);
  }

  /** The message a client reads for a timeout of this length. */
  public static String message(Duration timeout) {
    return "upstream request timed out after " + timeout.toMillis() + " ms";
  }
}
