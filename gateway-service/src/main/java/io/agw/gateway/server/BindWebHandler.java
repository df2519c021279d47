package io.agw.gateway.server;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE;

import io.agw.gateway.http.BufferLimit;
import io.agw.gateway.route.PortRouter;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.gateway.security.ProtectedResourceMetadata;
import io.agw.gateway.state.BindTls;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.GatewayState.BindSpec;
import io.agw.gateway.state.ResourceStore;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * Handles the traffic of one port: refuses a request whose path {@link PathNormalizationFilter}
 * could not normalize (400), reads the current state once, routes the request with the port's
 * precomputed router, and hands it to Spring Cloud Gateway's filter chain for that route. The Host
 * header is preserved to the backend, as Gateway API specifies, unless a policy changes it. On an
 * HTTPS port, a request whose route belongs to another listener than the one the TLS server name
 * chose is refused with 421, so that a connection made without a client certificate cannot reach a
 * listener that requires one.
 */
final class BindWebHandler implements WebHandler {

  /** The exchange attribute holding the state a request is served with. */
  static final String STATE_ATTRIBUTE = GatewayState.class.getName();

  private final int port;
  private final ResourceStore store;
  private final FilteringWebHandler filtering;

  BindWebHandler(int port, ResourceStore store, FilteringWebHandler filtering) {
    this.port = port;
    this.store = store;
    this.filtering = filtering;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange) {
    Throwable refusedPath = exchange.getAttribute(PathNormalizationFilter.REFUSED);
    if (refusedPath != null) {
      return Mono.error(refusedPath);
    }
    GatewayState state = store.current();
    PortRouter router = state == null ? null : state.routers().get(port);
    if (router != null) {
      Mono<Void> metadata = protectedResourceMetadata(exchange, router);
      if (metadata != null) {
        return metadata;
      }
    }
    RouteMatchResult match = router == null ? null : router.route(exchange.getRequest());
    if (match == null) {
      return Mono.error(new NoRouteException(exchange.getRequest()));
    }
    BindSpec bind = state.binds().get(port);
    if (bind != null && bind.tls() != null) {
      // The TLS handshake (certificate, client CA) was chosen by SNI, the listener by Host: a
      // request for another listener's host would skip that listener's client-certificate check.
      String host = exchange.getRequest().getURI().getHost();
      BindTls tls = bind.tls();
      if (tls.select(TlsServerName.of(exchange.getRequest())) != tls.select(host)) {
        return Mono.error(
            new ResponseStatusException(
                HttpStatus.MISDIRECTED_REQUEST,
                "the TLS server name does not match the request's host; connect with SNI " + host));
      }
    }
    var attributes = exchange.getAttributes();
    attributes.put(STATE_ATTRIBUTE, state);
    if (bind != null && bind.frontend().getHttp().hasMaxBufferSize()) {
      attributes.put(
          BufferLimit.ATTRIBUTE,
          (int) Math.min(Integer.MAX_VALUE, bind.frontend().getHttp().getMaxBufferSize()));
    }
    attributes.put(RouteMatchResult.ATTRIBUTE, match);
    attributes.put(GATEWAY_ROUTE_ATTR, match.route().route());
    attributes.put(PRESERVE_HOST_HEADER_ATTRIBUTE, Boolean.TRUE);
    return filtering.handle(exchange);
  }

  /**
   * Answers {@code /.well-known/oauth-protected-resource[/<path>]} (RFC 9728) when the route that a
   * request to {@code <path>} would take has {@code mcpAuthentication}; null otherwise (the request
   * is routed as usual). The route is found by the resource's path, not the well-known path,
   * because the MCP authorization spec puts the well-known segment in front of the MCP endpoint's
   * path, where the route does not match.
   */
  private static Mono<Void> protectedResourceMetadata(
      ServerWebExchange exchange, PortRouter router) {
    var resourcePath =
        ProtectedResourceMetadata.resourcePath(exchange.getRequest().getPath().value());
    if (resourcePath.isEmpty()) {
      return null;
    }
    String path = resourcePath.get().isEmpty() ? "/" : resourcePath.get();
    // MCP messages are POSTs: a route limited to POST still publishes its metadata.
    var probe = exchange.getRequest().mutate().method(HttpMethod.POST).path(path).build();
    RouteMatchResult target = router.route(probe);
    Object metadata =
        target == null
            ? null
            : target.route().route().getMetadata().get(ProtectedResourceMetadata.ROUTE_METADATA);
    return metadata instanceof ProtectedResourceMetadata m
        ? m.serve(exchange, resourcePath.get())
        : null;
  }
}
