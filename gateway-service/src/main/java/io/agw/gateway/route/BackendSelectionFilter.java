package io.agw.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.http.UrlRewriteFilter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Chooses a backend for each attempt, at random in proportion to the weights, and points the
 * request at it: the upstream URL, the backend's header changes, and the Host header when the route
 * asked for the backend's authority. Immutable and thread-safe.
 */
public final class BackendSelectionFilter implements GatewayFilter {

  /** One weighted choice; the weights of a route are summed once. */
  public record WeightedBackend(Backend backend, int weight) {}

  private final Backend[] backends;
  private final long[] cumulative;
  private final long total;

  public BackendSelectionFilter(List<WeightedBackend> choices) {
    List<WeightedBackend> live = choices.stream().filter(c -> c.weight() > 0).toList();
    this.backends = live.stream().map(WeightedBackend::backend).toArray(Backend[]::new);
    this.cumulative = new long[live.size()];
    long sum = 0;
    for (int i = 0; i < live.size(); i++) {
      sum += live.get(i).weight();
      cumulative[i] = sum;
    }
    this.total = sum;
  }

  Backend choose() {
    if (backends.length == 1) {
      return backends[0];
    }
    long pick = ThreadLocalRandom.current().nextLong(total);
    for (int i = 0; i < cumulative.length; i++) {
      if (pick < cumulative[i]) {
        return backends[i];
      }
    }
    return backends[backends.length - 1];
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (backends.length == 0) {
      return Mono.error(
          new ResponseStatusException(
              HttpStatus.SERVICE_UNAVAILABLE, "the route has no backend to send to"));
    }
    Backend backend = choose();
    exchange.getAttributes().put(Backend.ATTRIBUTE, backend);
    ServerHttpRequest request = exchange.getRequest();
    URI url =
        UriComponentsBuilder.fromUri(request.getURI())
            .scheme(backend.base().getScheme())
            .host(backend.base().getHost())
            .port(backend.base().getPort())
            .build(true)
            .toUri();
    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
    boolean autoHost = exchange.getAttributes().containsKey(UrlRewriteFilter.AUTO_HOST_ATTRIBUTE);
    if (backend.requestHeaders().isEmpty() && !autoHost) {
      return chain.filter(exchange);
    }
    ServerHttpRequest changed =
        request
            .mutate()
            .headers(
                h -> {
                  if (autoHost) {
                    h.set(HttpHeaders.HOST, backend.authority());
                  }
                  backend.requestHeaders().forEach(change -> change.accept(h));
                })
            .build();
    return chain.filter(exchange.mutate().request(changed).build());
  }

  @Override
  public String toString() {
    return "BackendSelection[" + backends.length + " backends]";
  }
}
