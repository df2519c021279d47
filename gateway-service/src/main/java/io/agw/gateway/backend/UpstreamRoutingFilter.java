package io.agw.gateway.backend;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's Netty routing, with the HTTP client of the backend chosen for this attempt
 * (so each backend gets its own TLS settings). Runs just before the stock routing filter, which
 * then sees the exchange as already routed.
 */
public final class UpstreamRoutingFilter extends NettyRoutingFilter {

  public UpstreamRoutingFilter(
      HttpClient httpClient,
      ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider,
      HttpClientProperties properties) {
    super(httpClient, headersFiltersProvider, properties);
  }

  @Override
  protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    return backend != null ? backend.client() : super.getHttpClient(route, exchange);
  }

  @Override
  public int getOrder() {
    return NettyRoutingFilter.ORDER - 2;
  }
}
