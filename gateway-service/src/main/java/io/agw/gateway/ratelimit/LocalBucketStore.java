package io.agw.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process, keyed by policy and descriptor value. Buckets survive reloads while the
 * policy is unchanged (the key includes its shape). Full buckets are dropped when the map grows
 * large, which changes nothing since a new bucket starts full. Thread-safe; one per process.
 */
public final class LocalBucketStore implements BucketStore {

  private static final int CLEANUP_THRESHOLD = 100_000;

  private final ConcurrentHashMap<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;

  public LocalBucketStore(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  @Override
  public Mono<Decision> apply(String key, BucketSpec spec, long cost, Op op) {
    return Mono.just(decide(key, spec, cost, op));
  }

  /** The decision, synchronously. */
  public Decision decide(String key, BucketSpec spec, long cost, Op op) {
    long now = clockMillis.getAsLong();
    if (buckets.size() > CLEANUP_THRESHOLD) {
      buckets.values().removeIf(b -> b.isFull(now));
    }
    Bucket bucket = buckets.computeIfAbsent(new BucketKey(key, spec), k -> new Bucket(spec, now));
    return bucket.apply(cost, op, now);
  }

  /**
   * A bucket's identity: its name and shape, so that a changed limit starts a new bucket. A record
   * rather than a joined string: no text is built per request.
   */
  private record BucketKey(String name, BucketSpec spec) {}

  /** One bucket; its state is guarded by its monitor. */
  private static final class Bucket {
    private final BucketSpec spec;
    private long tokens;
    private long stamp;

    Bucket(BucketSpec spec, long now) {
      this.spec = spec;
      this.tokens = spec.maxTokens();
      this.stamp = now;
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= spec.maxTokens();
    }

    synchronized Decision apply(long cost, Op op, long now) {
      refill(now);
      boolean allowed =
          switch (op) {
            case TAKE -> tokens >= cost;
            case CHECK -> tokens > 0;
            case CHARGE -> true;
          };
      if (allowed && op != Op.CHECK) {
        // A negative charge refunds an estimate that was too high: never past a full bucket.
        tokens = cost < 0 ? Math.min(spec.maxTokens(), tokens - cost) : tokens - cost;
      }
      long wait = 0;
      if (!allowed) {
        long needed = (op == Op.TAKE ? cost : 1) - tokens;
        long fills = (needed + spec.tokensPerFill() - 1) / spec.tokensPerFill();
        wait = stamp + fills * spec.fillIntervalMillis() - now;
      }
      return new Decision(allowed, tokens, Math.max(0, wait));
    }

    private void refill(long now) {
      long fills = (now - stamp) / spec.fillIntervalMillis();
      if (fills > 0) {
        long added =
            fills > Long.MAX_VALUE / spec.tokensPerFill()
                ? Long.MAX_VALUE
                : fills * spec.tokensPerFill();
        tokens = added >= spec.maxTokens() - tokens ? spec.maxTokens() : tokens + added;
        stamp += fills * spec.fillIntervalMillis();
      }
      if (tokens >= spec.maxTokens()) {
        stamp = now;
      }
    }
  }
}
