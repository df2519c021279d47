package io.agw.gateway.llm.request;

import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes an answer the LLM runtime gives itself instead of calling the provider (the model list).
 * The request filter only records the answer and lets the chain go on, so that the policies that
 * run once the LLM facts are known (late authorization rules, {@code allowedModels}) apply to these
 * answers too; this filter, ordered after them, then ends the exchange. Stateless; thread-safe.
 */
public final class LocalAnswerFilter implements GatewayFilter {

  /** Exchange attribute: the answer to write, as a {@code Supplier<Mono<Void>>}. */
  static final String ATTRIBUTE = LocalAnswerFilter.class.getName();

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Supplier<Mono<Void>> answer = exchange.getAttribute(ATTRIBUTE);
    return answer == null ? chain.filter(exchange) : answer.get();
  }

  @Override
  public String toString() {
    return "LlmLocalAnswer";
  }
}
