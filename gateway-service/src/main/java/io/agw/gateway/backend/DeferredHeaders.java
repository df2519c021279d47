package io.agw.gateway.backend;

import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A header change that must be worked out per request before it can be applied, such as a token
 * exchanged for the caller at an authorization server. It sits among a backend's {@link
 * Backend#requestHeaders()} so the changes keep their order; whoever applies them resolves this one
 * first. Only backends whose requests go through the backend selection accept it (plain backends);
 * {@link #accept} fails so a path that cannot resolve it never sends the request without the
 * credential. Implementations are thread-safe.
 */
public interface DeferredHeaders extends Consumer<HttpHeaders> {

  /**
   * The change for this request; an error (a {@code ResponseStatusException} with a message safe
   * for the client) ends the exchange.
   */
  Mono<Consumer<HttpHeaders>> resolve(ServerWebExchange exchange);

  @Override
  default void accept(HttpHeaders headers) {
    throw new IllegalStateException("a deferred header change must be resolved per request");
  }
}
