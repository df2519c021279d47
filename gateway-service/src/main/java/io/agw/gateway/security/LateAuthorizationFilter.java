package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.http.DeferredChecks;
import io.agw.gateway.http.RequestBodies;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The late phase of the {@code authorization} policy (see {@link AuthorizationRules}): runs once
 * the backend is chosen and, on LLM routes, once the LLM runtime has parsed the body and resolved
 * the model ({@code exchange.LlmFacts}), before anything is sent upstream. It decides the rules
 * that read {@code llm} or {@code backend}, with {@code request} as the client sent it (as the
 * early phase saw it), and refuses with 403 in the client's API format (OpenAI or Anthropic on LLM
 * calls). It runs again on every retry attempt, with the same answer. Immutable; thread-safe.
 */
public final class LateAuthorizationFilter implements GatewayFilter {

  private final AuthorizationRules rules;

  public LateAuthorizationFilter(AuthorizationRules rules) {
    this.rules = rules;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Predicate<ServerWebExchange> check = DeferredChecks.get(exchange, rules);
    boolean allowed =
        check != null
            ? check.test(exchange)
            // Only when the early filter did not run (it always does, at an earlier order).
            : rules.allowed(CelContext.request(exchange, RequestBodies.of(exchange)));
    return allowed ? chain.filter(exchange) : AuthorizationFilter.refuse(exchange);
  }

  @Override
  public String toString() {
    return "LateAuthorization[" + rules + "]";
  }
}
