package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.http.DeferredChecks;
import io.agw.gateway.http.RequestBodies;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The early phase of the {@code authorization} policy (see {@link AuthorizationRules}): decides the
 * rules over the request and the caller, refusing with 403 in the client's format. When the policy
 * also has late rules ({@code llm}, {@code backend}), it leaves their check in {@link
 * DeferredChecks} for {@link LateAuthorizationFilter} (or for a direct response or redirect that
 * answers before it): the request as the client sent it (with the body, when a rule reads it) and
 * whether an allow rule already held. Immutable; thread-safe.
 */
public final class AuthorizationFilter implements GatewayFilter {

  private final AuthorizationRules rules;

  public AuthorizationFilter(AuthorizationRules rules) {
    this.rules = rules;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!rules.readsRequestBody()) {
      return decide(exchange, chain);
    }
    return RequestBodies.buffer(exchange).flatMap(e -> decide(e, chain));
  }

  private Mono<Void> decide(ServerWebExchange exchange, GatewayFilterChain chain) {
    byte[] body = RequestBodies.of(exchange);
    AuthorizationRules.Early verdict = rules.early(CelContext.request(exchange, body));
    if (verdict == AuthorizationRules.Early.REFUSE) {
      return refuse(exchange);
    }
    if (rules.hasLateRules()) {
      // The late rules see the request as it is now, however later filters change it.
      ServerHttpRequest client = exchange.getRequest();
      boolean allowedEarly = verdict == AuthorizationRules.Early.ALLOWED;
      DeferredChecks.add(
          exchange, rules, e -> rules.late(CelContext.request(e, client, body), allowedEarly));
    }
    return chain.filter(exchange);
  }

  static Mono<Void> refuse(ServerWebExchange exchange) {
    return PolicyErrors.write(
        exchange, HttpStatus.FORBIDDEN, "forbidden", "the request is not allowed by policy");
  }

  @Override
  public String toString() {
    return "Authorization[" + rules + "]";
  }
}
