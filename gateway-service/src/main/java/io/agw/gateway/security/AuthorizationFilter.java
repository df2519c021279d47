package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.http.PolicyErrors;
import io.agw.gateway.http.RequestBodies;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The early phase of the {@code authorization} policy (see {@link AuthorizationRules}): decides the
 * rules over the request and the caller, refusing with 403 in the client's format. When the policy
 * also has late rules ({@code llm}, {@code backend}), it leaves what it saw for {@link
 * LateAuthorizationFilter}: the request as the client sent it (with the body, when a rule reads it)
 * and whether an allow rule already held. Immutable; thread-safe.
 */
public final class AuthorizationFilter implements GatewayFilter {

  /** Exchange attribute: the early outcome per policy, for the late phase. */
  private static final String PENDING_ATTRIBUTE = AuthorizationFilter.class.getName() + ".pending";

  /** What the early phase of one policy leaves for its late phase. */
  record Pending(ServerHttpRequest request, byte[] body, boolean allowedEarly) {}

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
      pending(exchange)
          .put(
              rules,
              new Pending(
                  exchange.getRequest(), body, verdict == AuthorizationRules.Early.ALLOWED));
    }
    return chain.filter(exchange);
  }

  static Mono<Void> refuse(ServerWebExchange exchange) {
    return PolicyErrors.write(
        exchange, HttpStatus.FORBIDDEN, "forbidden", "the request is not allowed by policy");
  }

  /**
   * The early outcomes of this exchange, by policy (a listener's and a route's policy may both
   * run). Filters of one exchange run one after the other, so a plain map is enough.
   */
  @SuppressWarnings("unchecked")
  static Map<AuthorizationRules, Pending> pending(ServerWebExchange exchange) {
    return (Map<AuthorizationRules, Pending>)
        exchange
            .getAttributes()
            .computeIfAbsent(
                PENDING_ATTRIBUTE, k -> new IdentityHashMap<AuthorizationRules, Pending>());
  }

  @Override
  public String toString() {
    return "Authorization[" + rules + "]";
  }
}
