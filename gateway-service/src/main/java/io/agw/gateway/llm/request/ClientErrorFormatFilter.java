package io.agw.gateway.llm.request;

import io.agw.gateway.errorformat.ClientErrorFormat;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.backend.AiAdjustments;
import io.agw.gateway.llm.call.LlmErrors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * First filter of a route with an {@code ai} backend: tells the client's API from the path and
 * marks the exchange with its error format, so that errors raised before or around the LLM filters
 * (the route's timeouts, its body limit) reach the client as OpenAI or Anthropic errors.
 * Passthrough paths keep the gateway's own error. Immutable and thread-safe; built once per route
 * and state.
 */
public final class ClientErrorFormatFilter implements GatewayFilter {

  private final AiAdjustments adjustments;

  public ClientErrorFormatFilter(AiAdjustments adjustments) {
    this.adjustments = adjustments;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    ClientApi api = adjustments.classify(path).orElseGet(() -> ClientApi.forPath(path));
    if (api != ClientApi.PASSTHROUGH) {
      Dialect dialect = api.dialect();
      exchange
          .getAttributes()
          .put(
              ClientErrorFormat.ATTRIBUTE,
              (ClientErrorFormat) (status, message) -> LlmErrors.body(dialect, status, message));
    }
    return chain.filter(exchange);
  }

  @Override
  public String toString() {
    return "ClientErrorFormat";
  }
}
