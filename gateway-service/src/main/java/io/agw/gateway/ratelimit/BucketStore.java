package io.agw.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where buckets live: in this process, or in Redis shared by replicas. Thread-safe. */
public interface BucketStore {

  /** What an operation does with its cost. */
  enum Op {
    /** Take {@code cost} tokens if the bucket has them; refuse otherwise (request limits). */
    TAKE,
    /** Allow while the bucket is above zero; take nothing (token limits, before the call). */
    CHECK,
    /** Take {@code cost} tokens unconditionally, possibly into debt (usage after the call). */
    CHARGE
  }

  /**
   * Applies {@code op} to the bucket {@code key} of shape {@code spec}.
   *
   * @return the decision; an error when the store cannot be reached
   */
  Mono<Decision> apply(String key, BucketSpec spec, long cost, Op op);
}
