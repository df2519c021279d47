package io.agw.gateway.ratelimit;

import dev.cel.runtime.CelEvaluationException;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One compiled limit: when it applies, how its bucket is named for a request, its shape and unit,
 * and where its buckets live.
 *
 * @param condition applies only when true; null means always
 * @param scope the fixed part of the bucket name (route and position, or the Redis domain)
 * @param keys named CEL expressions whose values select the caller's bucket; empty means one bucket
 * @param spec the bucket's shape
 * @param tokens whether the limit counts LLM tokens rather than requests
 * @param store where the buckets live
 * @param failOpen whether an unreachable store lets requests through
 * @param refusal the message of a 429 this limit causes; null for the generic one
 * @param cost what one request takes from the bucket (agentgateway's descriptor {@code cost}); null
 *     for the default: 1 request, or the call's total tokens
 */
record Limit(
    CelExpression condition,
    String scope,
    List<Key> keys,
    BucketSpec spec,
    boolean tokens,
    BucketStore store,
    boolean failOpen,
    String refusal,
    CelExpression cost) {

  /** A limit with the generic refusal message. */
  Limit(
      CelExpression condition,
      String scope,
      List<Key> keys,
      BucketSpec spec,
      boolean tokens,
      BucketStore store,
      boolean failOpen) {
    this(condition, scope, keys, spec, tokens, store, failOpen, null, null);
  }

  /**
   * What this request takes from the bucket: the {@link #cost} expression's value rounded to a
   * whole number (never negative), else {@code fallback}; empty when the expression fails, which
   * skips the limit for this request, as agentgateway does.
   */
  OptionalLong amount(CelContext context, long fallback) {
    if (cost == null) {
      return OptionalLong.of(fallback);
    }
    try {
      Object value = cost.eval(context);
      double amount;
      if (value instanceof Number n) {
        amount = n.doubleValue();
      } else if (value instanceof com.google.common.primitives.UnsignedLong u) {
        amount = u.doubleValue();
      } else {
        return OptionalLong.empty();
      }
      return Double.isFinite(amount)
          ? OptionalLong.of(Math.max(0, Math.round(amount)))
          : OptionalLong.empty();
    } catch (CelEvaluationException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** A named expression of the bucket name. */
  record Key(String name, CelExpression value) {}

  /**
   * The bucket name for this request, or empty when a key expression fails (the limit is then
   * skipped for this request, as a remote descriptor would be).
   */
  Optional<String> bucket(CelContext context) {
    StringBuilder name = new StringBuilder(scope);
    for (Key key : keys) {
      Optional<String> value = key.value().string(context);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      name.append('|').append(key.name()).append('=').append(value.get());
    }
    return Optional.of(name.toString());
  }
}
