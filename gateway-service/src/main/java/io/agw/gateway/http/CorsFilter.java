package io.agw.gateway.http;

import io.agw.model.resource.v1.Cors;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers CORS preflight requests and adds CORS headers to allowed requests ({@code cors}), using
 * Spring's CORS processor. A preflight never reaches the backend; a rejected cross-origin request
 * gets 403.
 */
public final class CorsFilter implements GatewayFilter {

  private final CorsConfiguration configuration;
  private final CorsProcessor processor = new DefaultCorsProcessor();

  public CorsFilter(Cors cors) {
    this.configuration = toConfiguration(cors);
  }

  static CorsConfiguration toConfiguration(Cors cors) {
    CorsConfiguration c = new CorsConfiguration();
    c.setAllowedOriginPatterns(cors.getAllowOriginsList());
    c.setAllowedMethods(nullIfEmpty(cors.getAllowMethodsList()));
    c.setAllowedHeaders(nullIfEmpty(cors.getAllowHeadersList()));
    c.setExposedHeaders(cors.getExposeHeadersList());
    c.setAllowCredentials(cors.getAllowCredentials());
    if (cors.hasMaxAge()) {
      c.setMaxAge(Duration.ofSeconds(cors.getMaxAge().getSeconds()));
    }
    return c;
  }

  private static List<String> nullIfEmpty(List<String> values) {
    return values.isEmpty() ? null : values;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    boolean allowed = processor.process(configuration, exchange);
    if (!allowed) {
      return exchange.getResponse().setComplete();
    }
    if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      return exchange.getResponse().setComplete();
    }
    return chain.filter(exchange);
  }

  @Override
  public String toString() {
    return "Cors" + configuration.getAllowedOriginPatterns();
  }
}
