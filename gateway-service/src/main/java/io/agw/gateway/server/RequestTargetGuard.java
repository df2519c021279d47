package io.agw.gateway.server;

import io.agw.gateway.server.GatewayErrorHandler.ErrorBody;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers 400 with the gateway's JSON error to a request whose target (path and query, as sent) has
 * an invalid percent-encoding or a character that a URI cannot hold anywhere (controls, spaces,
 * {@code "<>\^`{|}}), and hands every other request to the port's handler. Without it, Spring's
 * adapter fails to parse such a target and answers an empty 400 before any filter runs. The check
 * is a scan of the target without allocation. Immutable; thread-safe.
 */
final class RequestTargetGuard
    implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

  private static final byte[] REFUSAL =
      GatewayErrorHandler.json(
          new ErrorBody(
              HttpStatus.BAD_REQUEST,
              "bad_request",
              "the request target has an invalid percent-encoding or a character that must be"
                  + " percent-encoded"));

  private final BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler;

  RequestTargetGuard(BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler) {
    this.handler = handler;
  }

  @Override
  public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
    if (isValid(request.uri())) {
      return handler.apply(request, response);
    }
    return response
        .status(HttpStatus.BAD_REQUEST.value())
        .header("content-type", "application/json")
        .header("content-length", Integer.toString(REFUSAL.length))
        .sendByteArray(Mono.just(REFUSAL))
        .then();
  }

  static boolean isValid(String target) {
    for (int i = 0, n = target.length(); i < n; i++) {
      char c = target.charAt(i);
      if (c == '%') {
        if (i + 2 >= n || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c <= 0x20
          || Character.isISOControl(c)
          || Character.isSpaceChar(c)
          || "\"<>\\^`{|}".indexOf(c) >= 0) {
        // What java.net.URI refuses anywhere in a target; other non-ASCII characters are left to
        // the path normalizer (the path) or passed through untouched (the query).
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
