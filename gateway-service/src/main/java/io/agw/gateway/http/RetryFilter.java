package io.agw.gateway.http;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code retry} policy: the rest of the chain runs again, up to {@code attempts} times in all,
 * when an attempt ends with a status in {@code codes}, with a response for which the {@code
 * condition} (CEL over the request and the response's status and headers) is true, or with a
 * connection error or upstream timeout; {@code backoff} separates attempts. Every method is retried
 * (the request body is cached for replay), unless the {@code precondition} (CEL over the request,
 * evaluated once before the first attempt) is false: then the request is sent once.
 *
 * <p>Runs after Spring Cloud Gateway's response writer has set up ({@link
 * io.agw.gateway.policy.FilterOrder#RETRY}): an attempt's status and headers are known when the
 * chain returns and its body is not written yet, so a discarded answer is dropped with its
 * connection and never reaches the client. Immutable and thread-safe; built once per route.
 */
public final class RetryFilter implements GatewayFilter {

  private final int attempts;
  private final Duration backoff;
  private final Set<Integer> codes;
  private final CelExpression precondition;
  private final CelExpression condition;

  /**
   * @throws IllegalArgumentException when a code is not an HTTP status, an expression does not
   *     compile, or the condition reads the response body
   */
  public RetryFilter(Retry retry, CelEnvironment cel) {
    this.attempts = Math.max(1, retry.getAttempts());
    this.backoff =
        retry.hasBackoff() ? HttpPolicyKinds.duration(retry.getBackoff()) : Duration.ZERO;
    for (int code : retry.getCodesList()) {
      // The file's mapper refuses these too; resources from the control plane are checked here.
      if (code < 100 || code > 599) {
        throw new IllegalArgumentException(
            "retry code " + code + " is not an HTTP status code (100 to 599)");
      }
    }
    this.codes = Set.copyOf(retry.getCodesList());
    this.precondition =
        retry.getPrecondition().isEmpty() ? null : cel.compile(retry.getPrecondition());
    this.condition = retry.getCondition().isEmpty() ? null : cel.compile(retry.getCondition());
    if (condition != null && condition.readsResponseBody()) {
      throw new IllegalArgumentException(
          "retry.condition cannot read response.body: an attempt's body is not read before it is"
              + " retried or sent");
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    // The body is read once from the client; cache it so that every attempt can send it again.
    return ServerWebExchangeUtils.cacheRequestBody(
        exchange,
        request -> {
          ServerWebExchange cached = exchange.mutate().request(request).build();
          if (precondition == null) {
            return attempt(cached, chain, 1, attempts);
          }
          Mono<ServerWebExchange> ready =
              precondition.readsRequestBody() ? RequestBodies.buffer(cached) : Mono.just(cached);
          return ready.flatMap(
              e ->
                  attempt(
                      e,
                      chain,
                      1,
                      precondition.test(CelContext.request(e, RequestBodies.of(e)))
                          ? attempts
                          : 1));
        });
  }

  private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int n, int max) {
    return Mono.defer(() -> chain.filter(exchange))
        .then(Mono.fromSupplier(() -> n < max && retriesAnswer(exchange)))
        .onErrorResume(
            e ->
                n < max && retriesError(e) && !exchange.getResponse().isCommitted()
                    ? Mono.just(true)
                    : Mono.error(e))
        .flatMap(
            again -> {
              if (!again || exchange.getResponse().isCommitted()) {
                return Mono.empty();
              }
              // Forget the discarded answer: its connection, its headers, its status.
              ServerWebExchangeUtils.reset(exchange);
              exchange.getResponse().setStatusCode(null);
              Mono<Void> next = Mono.defer(() -> attempt(exchange, chain, n + 1, max));
              return backoff.isZero() ? next : Mono.delay(backoff).then(next);
            });
  }

  /** Whether the answer the chain left in the response is retried: a code, or the condition. */
  private boolean retriesAnswer(ServerWebExchange exchange) {
    ServerHttpResponse response = exchange.getResponse();
    HttpStatusCode status = response.getStatusCode();
    if (status == null) {
      return false;
    }
    if (codes.contains(status.value())) {
      return true;
    }
    return condition != null
        && condition.test(
            CelContext.response(
                exchange,
                RequestBodies.of(exchange),
                new CelContext.ResponseView(status.value(), response.getHeaders(), null)));
  }

  /** Connection failures and upstream timeouts, or what carries one as its cause. */
  private static boolean retriesError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Retry[attempts "
        + attempts
        + ", codes "
        + codes
        + (precondition == null ? "" : ", precondition " + precondition.source())
        + (condition == null ? "" : ", condition " + condition.source())
        + "]";
  }
}
