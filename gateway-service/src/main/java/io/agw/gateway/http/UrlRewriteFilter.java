package io.agw.gateway.http;

import io.agw.gateway.route.BackendSelectionFilter;
import io.agw.gateway.route.PathIndex;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.model.resource.v1.UrlRewrite;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rewrites the path and authority of the request before it is forwarded ({@code urlRewrite}). An
 * {@code auto} authority is resolved later, once the backend is chosen.
 */
public final class UrlRewriteFilter implements GatewayFilter {

  /** Exchange attribute set when the Host header must become the chosen backend's authority. */
  public static final String AUTO_HOST_ATTRIBUTE = BackendSelectionFilter.AUTO_HOST_ATTRIBUTE;

  /**
   * Exchange attribute holding the upstream path that replaced the route's matched prefix, set when
   * a prefix rewrite applied; features that map upstream URLs back to the gateway (A2A agent cards)
   * use it to undo the rewrite.
   */
  public static final String REWRITTEN_PREFIX_ATTRIBUTE =
      UrlRewriteFilter.class.getName() + ".rewrittenPrefix";

  private final UrlRewrite rewrite;

  public UrlRewriteFilter(UrlRewrite rewrite) {
    this.rewrite = rewrite;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    ServerHttpRequest.Builder builder = request.mutate();
    if (rewrite.hasPath()) {
      String path = request.getURI().getRawPath();
      RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
      builder.path(PathRewrites.rewrite(path, rewrite.getPath(), match));
      if (rewrite.getPath().hasPrefix()
          && match != null
          && match.pathKind() == PathIndex.PathKind.PREFIX) {
        exchange.getAttributes().put(REWRITTEN_PREFIX_ATTRIBUTE, rewrite.getPath().getPrefix());
      }
    }
    if (rewrite.hasAuthority()) {
      var a = rewrite.getAuthority();
      InetSocketAddress current = request.getHeaders().getHost();
      String host = current == null ? request.getURI().getHost() : current.getHostString();
      int port = current == null ? -1 : current.getPort();
      switch (a.getKindCase()) {
        case FULL -> builder.header(HttpHeaders.HOST, a.getFull());
        case HOST ->
            builder.header(HttpHeaders.HOST, port > 0 ? a.getHost() + ":" + port : a.getHost());
        case PORT -> builder.header(HttpHeaders.HOST, host + ":" + a.getPort());
        case AUTO -> exchange.getAttributes().put(AUTO_HOST_ATTRIBUTE, Boolean.TRUE);
        case KIND_NOT_SET -> {}
      }
    }
    return chain.filter(exchange.mutate().request(builder.build()).build());
  }

  @Override
  public String toString() {
    return "UrlRewrite[" + rewrite.toString().replace('\n', ' ').trim() + "]";
  }
}
