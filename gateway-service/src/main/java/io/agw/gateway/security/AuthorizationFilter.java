package io.agw.gateway.security;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.http.PolicyErrors;
import io.agw.gateway.http.RequestBodies;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.AuthorizationRule;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code authorization} policy: CEL rules over the request and the caller's identity. A request
 * is refused with 403 when a deny rule is true (deny wins), when a require rule is not true, or
 * when allow rules exist and none is true. An expression that fails to evaluate counts as not true:
 * it cannot allow or satisfy a requirement, and it cannot deny. Immutable; thread-safe.
 */
public final class AuthorizationFilter implements GatewayFilter {

  private final List<CelExpression> allow = new ArrayList<>();
  private final List<CelExpression> deny = new ArrayList<>();
  private final List<CelExpression> require = new ArrayList<>();
  private final boolean readsBody;

  /**
   * @throws IllegalArgumentException when a rule does not compile
   */
  public AuthorizationFilter(Authorization policy, CelEnvironment cel) {
    for (AuthorizationRule rule : policy.getRulesList()) {
      switch (rule.getKindCase()) {
        case ALLOW -> allow.add(cel.compile(rule.getAllow()));
        case DENY -> deny.add(cel.compile(rule.getDeny()));
        case REQUIRE -> require.add(cel.compile(rule.getRequire()));
        case KIND_NOT_SET ->
            throw new IllegalArgumentException("an authorization rule without a kind");
      }
    }
    readsBody =
        java.util.stream.Stream.of(allow, deny, require)
            .flatMap(List::stream)
            .anyMatch(CelExpression::readsRequestBody);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!readsBody) {
      return decide(exchange, chain);
    }
    return RequestBodies.buffer(exchange).flatMap(e -> decide(e, chain));
  }

  private Mono<Void> decide(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (allowed(CelContext.request(exchange, RequestBodies.of(exchange)))) {
      return chain.filter(exchange);
    }
    return PolicyErrors.write(
        exchange, HttpStatus.FORBIDDEN, "forbidden", "the request is not allowed by policy");
  }

  /** Whether the rules let the request through. */
  public boolean allowed(CelContext context) {
    for (CelExpression rule : deny) {
      if (rule.test(context)) {
        return false;
      }
    }
    for (CelExpression rule : require) {
      if (!rule.test(context)) {
        return false;
      }
    }
    if (allow.isEmpty()) {
      return true;
    }
    for (CelExpression rule : allow) {
      if (rule.test(context)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Authorization[allow=" + allow + ", deny=" + deny + ", require=" + require + "]";
  }
}
