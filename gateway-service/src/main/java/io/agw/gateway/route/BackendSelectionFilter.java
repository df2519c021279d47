package io.agw.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.backend.redaction.CredentialHeaders;
import io.agw.gateway.backend.redaction.UpstreamSecrets;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chooses a backend for each attempt, at random in proportion to the weights, and points the
 * request at it: the upstream URL, the backend's header changes, and the Host header when the route
 * asked for the backend's authority. What a backend's credentials ({@code backendAuth}) set is
 * recorded for the attempt, to be redacted from the backend's response ({@link
 * io.agw.gateway.backend.redaction.SecretRedactionFilter}). Immutable and thread-safe.
 */
public final class BackendSelectionFilter implements GatewayFilter {

  /**
   * Exchange attribute set (by {@code urlRewrite} with an {@code auto} authority) when the Host
   * header must become the chosen backend's authority.
   */
  public static final String AUTO_HOST_ATTRIBUTE =
      BackendSelectionFilter.class.getName() + ".autoHost";

  /** One weighted choice; the weights of a route are summed once. */
  public record WeightedBackend(Backend backend, int weight) {}

  private final Backend[] backends;

  /** scheme://host[:port] of each backend, built once: the request's path and query follow. */
  private final String[] origins;

  /** Whether a backend has header changes to resolve per request ({@link DeferredHeaders}). */
  private final boolean[] deferred;

  private final long[] cumulative;
  private final long total;

  public BackendSelectionFilter(List<WeightedBackend> choices) {
    List<WeightedBackend> live = choices.stream().filter(c -> c.weight() > 0).toList();
    this.backends = live.stream().map(WeightedBackend::backend).toArray(Backend[]::new);
    this.origins = new String[backends.length];
    this.deferred = new boolean[backends.length];
    for (int i = 0; i < backends.length; i++) {
      URI base = backends[i].base();
      origins[i] =
          base.getScheme()
              + "://"
              + base.getHost()
              + (base.getPort() >= 0 ? ":" + base.getPort() : "");
      deferred[i] =
          backends[i].requestHeaders().stream().anyMatch(DeferredHeaders.class::isInstance);
    }
    this.cumulative = new long[live.size()];
    long sum = 0;
    for (int i = 0; i < live.size(); i++) {
      sum += live.get(i).weight();
      cumulative[i] = sum;
    }
    this.total = sum;
  }

  private int chooseIndex() {
    if (backends.length == 1) {
      return 0;
    }
    long pick = ThreadLocalRandom.current().nextLong(total);
    for (int i = 0; i < cumulative.length; i++) {
      if (pick < cumulative[i]) {
        return i;
      }
    }
    return backends.length - 1;
  }

  /**
   * The request's URL with the backend's scheme, host and port: its user info, raw (still encoded)
   * path, query and fragment are kept as they are (an empty query is dropped, as {@code
   * UriComponentsBuilder.fromUri} did). Concatenated rather than rebuilt with {@code
   * UriComponentsBuilder}, which parsed and re-assembled the whole URL on every request.
   */
  static URI upstreamUrl(String origin, URI request) {
    StringBuilder url = new StringBuilder(origin.length() + 64);
    String userInfo = request.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int authority = origin.indexOf("://") + 3;
      url.append(origin, 0, authority)
          .append(userInfo)
          .append('@')
          .append(origin, authority, origin.length());
    } else {
      url.append(origin);
    }
    String path = request.getRawPath();
    if (path != null) {
      url.append(path);
    }
    String query = request.getRawQuery();
    if (query != null && !query.isEmpty()) {
      url.append('?').append(query);
    }
    String fragment = request.getRawFragment();
    if (fragment != null && !fragment.isEmpty()) {
      url.append('#').append(fragment);
    }
    return URI.create(url.toString());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (backends.length == 0) {
      return Mono.error(
          new ResponseStatusException(
              HttpStatus.SERVICE_UNAVAILABLE, "the route has no backend to send to"));
    }
    int chosen = chooseIndex();
    Backend backend = backends[chosen];
    exchange.getAttributes().put(Backend.ATTRIBUTE, backend);
    ServerHttpRequest request = exchange.getRequest();
    URI url = upstreamUrl(origins[chosen], request.getURI());
    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
    boolean autoHost = exchange.getAttributes().containsKey(AUTO_HOST_ATTRIBUTE);
    if (backend.requestHeaders().isEmpty() && !autoHost) {
      return chain.filter(exchange);
    }
    if (deferred[chosen]) {
      return Flux.fromIterable(backend.requestHeaders())
          .concatMap(change -> resolve(change, exchange))
          .collectList()
          .flatMap(changes -> send(exchange, chain, backend, autoHost, changes));
    }
    return send(exchange, chain, backend, autoHost, backend.requestHeaders());
  }

  /** A deferred change resolved for this exchange (and redacted as a credential); others as is. */
  private static Mono<Consumer<HttpHeaders>> resolve(
      Consumer<HttpHeaders> change, ServerWebExchange exchange) {
    if (change instanceof DeferredHeaders d) {
      return d.resolve(exchange).map(CredentialHeaders::new);
    }
    return Mono.just(change);
  }

  private static Mono<Void> send(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      Backend backend,
      boolean autoHost,
      List<Consumer<HttpHeaders>> changes) {
    ServerHttpRequest changed =
        exchange
            .getRequest()
            .mutate()
            .headers(
                h -> {
                  if (autoHost) {
                    h.set(HttpHeaders.HOST, backend.authority());
                  }
                  changes.forEach(change -> apply(change, h, exchange));
                })
            .build();
    return chain.filter(exchange.mutate().request(changed).build());
  }

  private static void apply(
      Consumer<HttpHeaders> change, HttpHeaders headers, ServerWebExchange exchange) {
    if (change instanceof CredentialHeaders credentials) {
      HttpHeaders before = UpstreamSecrets.before(headers);
      credentials.accept(exchange, headers);
      UpstreamSecrets.record(exchange.getAttributes(), before, headers);
    } else {
      change.accept(headers);
    }
  }

  @Override
  public String toString() {
    return "BackendSelection[" + backends.length + " backends]";
  }
}
