package io.agw.gateway.llm.dispatch;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.http.RequestBodies;
import io.agw.model.resource.v1.Retry;
import org.springframework.web.server.ServerWebExchange;

/**
 * The route's {@code retry.precondition} and {@code retry.condition} on an LLM route: the
 * precondition (CEL over the client's request, once per request) false means one try only, no retry
 * and no failover; the condition (CEL over a provider's status and headers) true discards the
 * answer for another try, as a fail-over status does. Immutable and thread-safe.
 *
 * @param precondition null when not set
 * @param condition null when not set
 */
public record RetryConditions(CelExpression precondition, CelExpression condition) {

  /**
   * The expressions of {@code retry} (null for none), compiled in {@code cel}.
   *
   * @throws IllegalArgumentException when one does not compile, or the condition reads the response
   *     body
   */
  public static RetryConditions of(Retry retry, CelEnvironment cel) {
    if (retry == null) {
      return new RetryConditions(null, null);
    }
    CelExpression condition =
        retry.getCondition().isEmpty() ? null : cel.compile(retry.getCondition());
    if (condition != null && condition.readsResponseBody()) {
      throw new IllegalArgumentException(
          "retry.condition cannot read response.body: a provider's answer is not read before it"
              + " is retried or sent");
    }
    return new RetryConditions(
        retry.getPrecondition().isEmpty() ? null : cel.compile(retry.getPrecondition()), condition);
  }

  /** Whether the client's request may be tried more than once. */
  boolean mayRetry(ServerWebExchange exchange) {
    return precondition == null
        || precondition.test(CelContext.request(exchange, RequestBodies.of(exchange)));
  }

  /** Whether the condition asks for another try after this answer. */
  boolean retries(ServerWebExchange exchange, int status) {
    return condition != null && condition.test(Answers.of(exchange, status));
  }
}
