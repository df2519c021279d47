package io.agw.gateway.http;

import io.agw.gateway.route.RouteMatchResult;
import io.agw.model.resource.v1.RequestRedirect;
import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Answers with a redirect instead of forwarding ({@code requestRedirect}). Unset parts keep the
 * request's value; a changed scheme without an explicit port uses the scheme's well-known port.
 */
public final class RequestRedirectFilter implements GatewayFilter {

  private final RequestRedirect redirect;
  private final HttpStatus status;

  public RequestRedirectFilter(RequestRedirect redirect) {
    this.redirect = redirect;
    this.status = HttpStatus.valueOf(redirect.getStatus() == 0 ? 302 : redirect.getStatus());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return DeferredChecks.thenAnswer(
        exchange,
        () -> {
          var response = exchange.getResponse();
          response.setStatusCode(status);
          response.getHeaders().setLocation(location(exchange));
          return response.setComplete();
        });
  }

  URI location(ServerWebExchange exchange) {
    URI uri = exchange.getRequest().getURI();
    String requestScheme = uri.getScheme() == null ? "http" : uri.getScheme();
    String scheme = redirect.getScheme().isEmpty() ? requestScheme : redirect.getScheme();
    InetSocketAddress hostHeader = exchange.getRequest().getHeaders().getHost();
    String host = hostHeader != null ? hostHeader.getHostString() : uri.getHost();
    int port = hostHeader != null ? hostHeader.getPort() : uri.getPort();
    boolean schemeChanged = !scheme.equalsIgnoreCase(requestScheme);
    if (schemeChanged) {
      port = -1;
    }
    if (redirect.hasAuthority()) {
      var a = redirect.getAuthority();
      switch (a.getKindCase()) {
        case FULL -> {
          URI full = URI.create("//" + a.getFull());
          host = full.getHost();
          port = full.getPort();
        }
        case HOST -> host = a.getHost();
        case PORT -> port = (int) a.getPort();
        case AUTO, KIND_NOT_SET -> {}
      }
    }
    if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
      port = -1;
    }
    String path = uri.getRawPath();
    if (redirect.hasPath()) {
      path =
          PathRewrites.rewrite(
              path, redirect.getPath(), exchange.getAttribute(RouteMatchResult.ATTRIBUTE));
    }
    return UriComponentsBuilder.newInstance()
        .scheme(scheme)
        .host(host)
        .port(port)
        .path(path)
        .query(uri.getRawQuery())
        .build(true)
        .toUri();
  }

  @Override
  public String toString() {
    return "RequestRedirect[" + status.value() + "]";
  }
}
