package io.agw.gateway.a2a;

import io.agw.gateway.a2a.PublicAddress.ForwardedHeaders;
import io.agw.gateway.backend.Backend;
import io.agw.gateway.http.UrlRewriteFilter;
import io.agw.gateway.route.PathIndex.PathKind;
import io.agw.gateway.route.RouteMatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code a2a} route policy. Runs before the path rewrite, so it sees the request as the client
 * sent it:
 *
 * <ul>
 *   <li>{@code GET} of {@code /.well-known/agent.json} or {@code /.well-known/agent-card.json}
 *       (under any prefix): the card in the response is rewritten to point at the gateway ({@link
 *       AgentCardResponse}); the request asks the agent for an uncompressed answer so it can be
 *       read;
 *   <li>{@code POST}: the JSON-RPC call is followed as it streams ({@link A2aCallObserver}) and
 *       recorded by {@link A2aTelemetry} when it ends;
 *   <li>anything else passes through.
 * </ul>
 *
 * Immutable and thread-safe; per-request state lives in the decorators it creates.
 */
final class A2aFilter implements GatewayFilter {

  private static final String[] CARD_PATHS = {
    "/.well-known/agent.json", "/.well-known/agent-card.json"
  };

  // Every card warning comes from one logger, the one docs/a2a.md names.
  private static final Logger log = LoggerFactory.getLogger(AgentCardResponse.class);

  private final AgentCardRewriter rewriter;
  private final A2aCallParser parser;
  private final A2aTelemetry telemetry;

  A2aFilter(AgentCardRewriter rewriter, A2aCallParser parser, A2aTelemetry telemetry) {
    this.rewriter = rewriter;
    this.parser = parser;
    this.telemetry = telemetry;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpMethod method = request.getMethod();
    if (HttpMethod.GET.equals(method) && isCardPath(request.getPath().value())) {
      return card(exchange, chain);
    }
    if (HttpMethod.POST.equals(method)) {
      return call(exchange, chain);
    }
    return chain.filter(exchange);
  }

  static boolean isCardPath(String path) {
    for (String card : CARD_PATHS) {
      if (path.endsWith(card)) {
        return true;
      }
    }
    return false;
  }

  private Mono<Void> card(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders h = request.getHeaders();
    String routePrefix = routePrefix(exchange);
    PublicAddress address;
    try {
      address =
          PublicAddress.from(
              request.getURI(),
              h.getFirst(HttpHeaders.HOST),
              new ForwardedHeaders(
                  h.getFirst("X-Forwarded-Proto"),
                  h.getFirst("X-Forwarded-Host"),
                  h.getFirst("X-Forwarded-Port"),
                  h.getFirst("X-Forwarded-Prefix")),
              routePrefix);
    } catch (IllegalArgumentException e) {
      // A card is never turned into an error: without a public address it passes through as is.
      log.warn("agent card at {} passed through unchanged: {}", request.getPath(), e.getMessage());
      return chain.filter(exchange);
    }
    AgentCardResponse response =
        new AgentCardResponse(
            exchange.getResponse(),
            rewriter,
            address,
            () -> upstream(exchange, routePrefix),
            routeName(exchange) + " " + request.getPath().value());
    // An encoded card could not be read; the client still gets what it asked for from the gateway.
    ServerHttpRequest identity =
        request.mutate().headers(hs -> hs.remove(HttpHeaders.ACCEPT_ENCODING)).build();
    return chain.filter(exchange.mutate().request(identity).response(response).build());
  }

  private Mono<Void> call(ServerWebExchange exchange, GatewayFilterChain chain) {
    long start = System.nanoTime();
    String route = routeName(exchange);
    A2aCallObserver observer =
        new A2aCallObserver(
            parser,
            summary -> telemetry.record(exchange, route, summary, System.nanoTime() - start));
    ServerHttpRequest tapped =
        new ServerHttpRequestDecorator(exchange.getRequest()) {
          @Override
          public Flux<DataBuffer> getBody() {
            return Flux.defer(
                () -> {
                  observer.requestStarted();
                  return super.getBody().doOnNext(observer::requestChunk);
                });
          }
        };
    ServerWebExchange observed =
        exchange
            .mutate()
            .request(tapped)
            .response(new A2aCallResponse(exchange.getResponse(), observer))
            .build();
    return chain
        .filter(observed)
        .doOnSuccess(v -> observer.completed(exchange.getResponse().getStatusCode()))
        .doOnError(e -> observer.failed())
        .doOnCancel(observer::cancelled);
  }

  /** The prefix the route matched, or {@code null} when it matched an exact path or a regex. */
  private static String routePrefix(ServerWebExchange exchange) {
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    return match != null && match.pathKind() == PathKind.PREFIX ? match.matchedPath() : null;
  }

  private static UpstreamBase upstream(ServerWebExchange exchange, String routePrefix) {
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    if (backend == null) {
      return null;
    }
    String rewritten = exchange.getAttribute(UrlRewriteFilter.REWRITTEN_PREFIX_ATTRIBUTE);
    return UpstreamBase.of(backend.base(), routePrefix, rewritten);
  }

  private static String routeName(ServerWebExchange exchange) {
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    return match == null ? "" : match.route().name();
  }

  @Override
  public String toString() {
    return "A2a[]";
  }
}
