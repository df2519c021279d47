package io.agw.gateway.security;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.model.resource.v1.Csrf;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * agentgateway's {@code csrf} policy: a request that could change state (any method but GET, HEAD
 * and OPTIONS) sent by a browser on behalf of another site is refused with 403 {@value #MESSAGE}.
 * The browser's {@code Sec-Fetch-Site} decides first ({@code same-origin} and {@code none} pass,
 * any other value is refused unless the {@code Origin} is a trusted one); without it, a request
 * with no {@code Origin} (or {@code Origin: null}) passes, and one whose {@code Origin} is neither
 * the request's own ({@code scheme://host[:port]} as the client addressed the gateway) nor one of
 * {@code additionalOrigins} is refused. Origins are compared as written, as agentgateway does.
 * Immutable and thread-safe.
 */
public final class CsrfFilter implements GatewayFilter {

  /** agentgateway's refusal text. */
  static final String MESSAGE = "CSRF validation failed";

  private static final Logger log = LoggerFactory.getLogger(CsrfFilter.class);
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Set<String> additionalOrigins;

  public CsrfFilter(Csrf csrf) {
    this.additionalOrigins = Set.copyOf(csrf.getAdditionalOriginsList());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (allowed(request)) {
      return chain.filter(exchange);
    }
    return PolicyErrors.write(exchange, HttpStatus.FORBIDDEN, "forbidden", MESSAGE);
  }

  private boolean allowed(ServerHttpRequest request) {
    if (SAFE.contains(request.getMethod())) {
      return true;
    }
    HttpHeaders headers = request.getHeaders();
    String origin = headers.getFirst(HttpHeaders.ORIGIN);
    if ("null".equals(origin)) {
      origin = null; // an opaque origin says nothing, as agentgateway reads it
    }
    String fetchSite = headers.getFirst("Sec-Fetch-Site");
    if (fetchSite != null) {
      if (fetchSite.equals("same-origin") || fetchSite.equals("none")) {
        return true;
      }
      if (origin != null && additionalOrigins.contains(origin)) {
        return true;
      }
      log.debug(
          "CSRF: refused a {} request with Sec-Fetch-Site {}", request.getMethod(), fetchSite);
      return false;
    }
    if (origin == null) {
      return true;
    }
    String target = targetOrigin(request.getURI());
    if (origin.equals(target) || additionalOrigins.contains(origin)) {
      return true;
    }
    log.debug("CSRF: refused a request from origin {} to {}", origin, target);
    return false;
  }

  /** The origin the client addressed: its scheme and authority (host, and port when written). */
  private static String targetOrigin(URI uri) {
    return (uri.getScheme() == null ? "http" : uri.getScheme()) + "://" + uri.getRawAuthority();
  }

  @Override
  public String toString() {
    return "Csrf[additionalOrigins " + additionalOrigins + "]";
  }
}
