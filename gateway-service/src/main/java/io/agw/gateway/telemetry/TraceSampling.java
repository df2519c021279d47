package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.TracingSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.server.ServerWebExchange;

/**
 * agentgateway's {@code randomSampling} and {@code clientSampling} written as CEL expressions,
 * decided for each request as its server span starts: {@code clientSampling} when the request
 * carries a valid {@code traceparent}, {@code randomSampling} when it does not. A boolean result
 * decides; a number is the chance of recording (clamped to 0..1); anything else, or an error, is
 * "not recorded". A setting that is a constant (or absent) is left to the startup sampler. The
 * decision reaches the sampler through the span's parent {@link Context} ({@link RequestSampler}).
 * Immutable and thread-safe; one per configuration state.
 *
 * @param random {@code randomSampling}'s expression, or null when it is a constant or absent
 * @param client {@code clientSampling}'s expression, or null when it is a constant or absent
 */
public record TraceSampling(CelExpression random, CelExpression client) {

  /** No expression: the startup sampler decides everything. */
  public static final TraceSampling CONSTANT = new TraceSampling(null, null);

  /** The per-request decision, read by {@link RequestSampler}. */
  static final ContextKey<Boolean> DECISION = ContextKey.named("agw.trace-sampling");

  /**
   * The expressions of a resource, compiled.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static TraceSampling of(TracingSettings settings, CelEnvironment cel) {
    CelExpression random =
        settings.getRandomSampling().isEmpty() ? null : cel.compile(settings.getRandomSampling());
    CelExpression client =
        settings.getClientSampling().isEmpty() ? null : cel.compile(settings.getClientSampling());
    return random == null && client == null ? CONSTANT : new TraceSampling(random, client);
  }

  /**
   * {@code parent} with this request's decision when an expression applies to it, else {@code
   * parent} unchanged.
   */
  Context decide(ServerWebExchange exchange, Context parent) {
    boolean traced = Span.fromContext(parent).getSpanContext().isValid();
    CelExpression expression = traced ? client : random;
    if (expression == null) {
      return parent;
    }
    return parent.with(DECISION, sampled(expression, exchange));
  }

  private static boolean sampled(CelExpression expression, ServerWebExchange exchange) {
    Object value = expression.plain(CelContext.request(exchange, null)).orElse(null);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      double chance = Math.max(0, Math.min(1, n.doubleValue()));
      return chance >= 1 || ThreadLocalRandom.current().nextDouble() < chance;
    }
    return false;
  }
}
