package io.agw.gateway.server;

import io.agw.gateway.server.PathNormalizer.RefusedPathException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first filter of every traffic port: replaces the request's path with its {@link
 * PathNormalizer normalized} form, so that tracing, the access log, route matching, every policy
 * and the backend all see one path. The query string is untouched.
 *
 * <p>A path that cannot be normalized is not answered here: the request goes on unchanged with the
 * refusal in the {@link #REFUSED} attribute, and {@link BindWebHandler} fails it with 400 before
 * routing, so that the refused request is still traced and access-logged. Immutable; thread-safe.
 */
final class PathNormalizationFilter implements WebFilter {

  /** The exchange attribute holding the 400 for a path that was refused. */
  static final String REFUSED = PathNormalizationFilter.class.getName() + ".refused";

  private final PathNormalizer normalizer;

  PathNormalizationFilter(PathNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String raw = exchange.getRequest().getPath().value();
    String normalized;
    try {
      normalized = normalizer.normalize(raw);
    } catch (RefusedPathException e) {
      exchange
          .getAttributes()
          .put(REFUSED, new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()));
      return chain.filter(exchange);
    }
    if (normalized == raw) {
      return chain.filter(exchange);
    }
    var request = exchange.getRequest().mutate().path(normalized).build();
    return chain.filter(exchange.mutate().request(request).build());
  }

  @Override
  public String toString() {
    return "PathNormalizationFilter[" + normalizer + "]";
  }
}
