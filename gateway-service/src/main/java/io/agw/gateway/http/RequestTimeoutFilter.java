package io.agw.gateway.http;

import io.agw.gateway.backend.UpstreamTimeoutException;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds the whole exchange, retries included ({@code timeout.requestTimeout}); when it expires the
 * upstream call is cancelled and the client gets 504.
 */
public final class RequestTimeoutFilter implements GatewayFilter {

  private final Duration timeout;

  public RequestTimeoutFilter(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return chain
        .filter(exchange)
        .timeout(timeout, Mono.error(() -> new UpstreamTimeoutException(timeout, null)));
  }

  @Override
  public String toString() {
    return "RequestTimeout[" + timeout + "]";
  }
}
