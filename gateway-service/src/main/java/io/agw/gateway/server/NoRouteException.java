package io.agw.gateway.server;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** No route of the listener matches the request; the client gets 404. */
final class NoRouteException extends RuntimeException {

  NoRouteException(ServerHttpRequest request) {
    super(
        "no route matches "
            + request.getMethod().name()
            + " "
            + request.getPath().value()
            + (request.getHeaders().getHost() == null
                ? ""
                : " for host " + request.getHeaders().getHost().getHostString()),
        null,
        false,
        false);
  }
}
