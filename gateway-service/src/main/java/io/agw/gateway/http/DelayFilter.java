package io.agw.gateway.http;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.Delay;
import java.time.Duration;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code delay} policy (fault injection): waits before the request goes on, for a fixed
 * duration or for what a CEL expression over the request gives (a duration, or a number of
 * milliseconds). A non-positive result, another type or an evaluation error injects no delay. The
 * wait runs inside the request timeout, which it counts against, as real latency would. Immutable;
 * thread-safe.
 */
public final class DelayFilter implements GatewayFilter {

  private final Duration fixed;
  private final CelExpression expression;

  /**
   * @throws IllegalArgumentException when the expression does not compile
   */
  public DelayFilter(Delay delay, CelEnvironment cel) {
    if (delay.hasFixed()) {
      this.fixed = HttpPolicyKinds.duration(delay.getFixed());
      this.expression = null;
    } else {
      this.fixed = null;
      this.expression = cel.compile(delay.getExpression());
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (fixed != null) {
      return wait(fixed).then(Mono.defer(() -> chain.filter(exchange)));
    }
    Mono<ServerWebExchange> ready =
        expression.readsRequestBody() ? RequestBodies.buffer(exchange) : Mono.just(exchange);
    return ready.flatMap(
        e ->
            delayOf(CelContext.request(e, RequestBodies.of(e)))
                .map(d -> wait(d).then(Mono.defer(() -> chain.filter(e))))
                .orElseGet(() -> chain.filter(e)));
  }

  private static Mono<Long> wait(Duration d) {
    return Mono.delay(d);
  }

  private Optional<Duration> delayOf(CelContext context) {
    Object value;
    try {
      value = expression.eval(context);
    } catch (Exception e) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (value instanceof Duration javaDuration) {
      d = javaDuration;
    } else if (value instanceof com.google.protobuf.Duration proto) {
      d = HttpPolicyKinds.duration(proto);
    } else if (value instanceof Number millis) {
      // A number is milliseconds (agentgateway's reading), fractions included.
      d = Duration.ofNanos(Math.round(millis.doubleValue() * 1_000_000d));
    }
    return d.isZero() || d.isNegative() ? Optional.empty() : Optional.of(d);
  }

  @Override
  public String toString() {
    return "Delay[" + (fixed != null ? fixed : expression.source()) + "]";
  }
}
