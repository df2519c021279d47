package io.agw.gateway.security.bench;

import io.agw.gateway.ratelimit.BucketSpec;
import io.agw.gateway.ratelimit.BucketStore;
import io.agw.gateway.ratelimit.Decision;
import io.agw.gateway.ratelimit.LocalBucketStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process limiter's take-and-check per request ({@code localRateLimit}, {@code type:
 * requests}) on the system clock: one hot key that every request hits, and {@code keys} distinct
 * callers hit in turn (bucket names as the filter builds them: route scope plus a key value). The
 * bucket refills fast enough that most takes are allowed; refusals cost the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LocalLimiterBenchmark {

  @Param({"10000"})
  public int keys;

  private final BucketSpec spec = new BucketSpec(1_000_000, 1_000_000, 1_000);
  private LocalBucketStore store;
  private String[] names;
  private int next;

  @Setup
  public void setUp() {
    store = new LocalBucketStore(System::currentTimeMillis);
    names = new String[keys];
    for (int i = 0; i < keys; i++) {
      names[i] = "route/default/0|key=sk-caller-" + i;
    }
    for (String name : names) {
      store.decide(name, spec, 1, BucketStore.Op.TAKE);
    }
  }

  @Benchmark
  public Decision oneHotKey() {
    return store.decide("route/default/0|key=sk-hot", spec, 1, BucketStore.Op.TAKE);
  }

  @Benchmark
  public Decision manyKeys() {
    int i = next;
    next = i + 1 == names.length ? 0 : i + 1;
    return store.decide(names[i], spec, 1, BucketStore.Op.TAKE);
  }
}
