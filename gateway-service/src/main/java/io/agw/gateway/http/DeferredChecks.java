package io.agw.gateway.http;

import io.agw.gateway.errorformat.PolicyErrors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Access checks a policy leaves for later in the request phase (authorization rules that read
 * {@code llm} or {@code backend}, decided once the backend is chosen). The policy's own late filter
 * normally runs its check; when the gateway answers by itself before that point (a direct response,
 * a redirect), the answer first runs the checks still pending, so that a deferred rule is never
 * skipped. Stored in the exchange; the filters of one exchange run one after the other.
 */
public final class DeferredChecks {

  private static final String ATTRIBUTE = DeferredChecks.class.getName();

  private DeferredChecks() {}

  /** Leaves {@code check} (true: the request may go on) for later, under {@code owner}. */
  public static void add(
      ServerWebExchange exchange, Object owner, Predicate<ServerWebExchange> check) {
    checks(exchange).put(owner, check);
  }

  /**
   * The check {@code owner} left, or null when there is none. It stays in place: the late filter
   * runs again on each retry attempt and must find it again.
   */
  public static Predicate<ServerWebExchange> get(ServerWebExchange exchange, Object owner) {
    Map<Object, Predicate<ServerWebExchange>> checks = exchange.getAttribute(ATTRIBUTE);
    return checks == null ? null : checks.get(owner);
  }

  /**
   * Runs and removes every pending check, then writes {@code answer} when all pass, or 403 in the
   * client's format when one refuses.
   */
  public static Mono<Void> thenAnswer(ServerWebExchange exchange, Supplier<Mono<Void>> answer) {
    Map<Object, Predicate<ServerWebExchange>> checks = exchange.getAttribute(ATTRIBUTE);
    if (checks != null && !checks.isEmpty()) {
      List<Predicate<ServerWebExchange>> pending = new ArrayList<>(checks.values());
      checks.clear();
      for (Predicate<ServerWebExchange> check : pending) {
        if (!check.test(exchange)) {
          return PolicyErrors.write(
              exchange, HttpStatus.FORBIDDEN, "forbidden", "the request is not allowed by policy");
        }
      }
    }
    return answer.get();
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Predicate<ServerWebExchange>> checks(ServerWebExchange exchange) {
    return (Map<Object, Predicate<ServerWebExchange>>)
        exchange
            .getAttributes()
            .computeIfAbsent(
                ATTRIBUTE, k -> new IdentityHashMap<Object, Predicate<ServerWebExchange>>());
  }
}
