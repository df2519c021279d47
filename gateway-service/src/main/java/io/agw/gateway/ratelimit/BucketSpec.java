package io.agw.gateway.ratelimit;

import io.agw.model.resource.v1.TokenBucket;

/**
 * A token bucket's shape: holds at most {@code maxTokens}, gains {@code tokensPerFill} every {@code
 * fillIntervalMillis}. A new bucket starts full.
 */
public record BucketSpec(long maxTokens, long tokensPerFill, long fillIntervalMillis) {

  public static BucketSpec of(TokenBucket bucket) {
    long millis =
        bucket.getFillInterval().getSeconds() * 1000
            + bucket.getFillInterval().getNanos() / 1_000_000;
    return new BucketSpec(bucket.getMaxTokens(), bucket.getTokensPerFill(), Math.max(1, millis));
  }
}
