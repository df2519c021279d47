package io.agw.gateway.http;

import io.agw.model.resource.v1.HeaderModifier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Filters for {@code requestHeaderModifier} and {@code responseHeaderModifier}. */
public final class HeaderModifiers {

  private HeaderModifiers() {}

  /** Applies set, then add, then remove, as Gateway API's header filter describes them. */
  public static void apply(HeaderModifier m, HttpHeaders headers) {
    m.getSetMap().forEach(headers::set);
    m.getAddMap().forEach(headers::add);
    m.getRemoveList().forEach(headers::remove);
  }

  /** Changes the request's headers before it is forwarded. */
  public static GatewayFilter request(HeaderModifier m) {
    return (exchange, chain) -> {
      ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> apply(m, h)).build();
      return chain.filter(exchange.mutate().request(request).build());
    };
  }

  /**
   * Changes the response's headers just before they are written, so the upstream's headers are
   * already there and a streamed response is changed before its first byte.
   */
  public static GatewayFilter response(HeaderModifier m) {
    return (exchange, chain) -> {
      var response = exchange.getResponse();
      response.beforeCommit(
          () -> {
            apply(m, response.getHeaders());
            return reactor.core.publisher.Mono.empty();
          });
      return chain.filter(exchange);
    };
  }
}
