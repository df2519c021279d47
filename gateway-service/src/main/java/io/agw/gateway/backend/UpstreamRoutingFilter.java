package io.agw.gateway.backend;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's Netty routing, with the HTTP client of the backend chosen for this attempt
 * (so each backend gets its own TLS settings). Runs just before the stock routing filter, which
 * then sees the exchange as already routed.
 */
public final class UpstreamRoutingFilter extends NettyRoutingFilter {

  private final HttpClientProperties properties;

  public UpstreamRoutingFilter(
      HttpClient httpClient,
      ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider,
      HttpClientProperties properties) {
    super(httpClient, headersFiltersProvider, properties);
    this.properties = properties;
  }

  @Override
  protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    return backend != null ? backend.client() : super.getHttpClient(route, exchange);
  }

  /**
   * Spring Cloud Gateway reports a {@code backendRequestTimeout} as "Response took longer than
   * timeout: PT1.5S"; clients get the gateway's one timeout message instead.
   */
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return super.filter(exchange, chain)
        .onErrorMap(
            e -> e.getCause() instanceof TimeoutException,
            e -> new UpstreamTimeoutException(responseTimeout(exchange), e.getCause()));
  }

  private Duration responseTimeout(ServerWebExchange exchange) {
    Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
    Object millis = route == null ? null : route.getMetadata().get(RESPONSE_TIMEOUT_ATTR);
    if (millis instanceof Number n) {
      return Duration.ofMillis(n.longValue());
    }
    return properties.getResponseTimeout() != null
        ? properties.getResponseTimeout()
        : Duration.ZERO;
  }

  @Override
  public int getOrder() {
    return NettyRoutingFilter.ORDER - 2;
  }
}
