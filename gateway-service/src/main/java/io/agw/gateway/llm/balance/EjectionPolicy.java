package io.agw.gateway.llm.balance;

import java.time.Duration;

/**
 * When and for how long an endpoint that fails is taken out of the choice: after {@code
 * consecutiveFailures} failures in a row it is ejected for {@code base}, and each further ejection
 * without a success in between doubles the time, up to {@code max}. Immutable.
 *
 * @param base the first ejection's length; zero disables ejection
 * @param consecutiveFailures failures in a row that eject (at least 1)
 * @param max the longest ejection
 */
public record EjectionPolicy(Duration base, int consecutiveFailures, Duration max) {

  /** 10 s after one failure, doubling up to 5 minutes. */
  public static final EjectionPolicy DEFAULT =
      new EjectionPolicy(Duration.ofSeconds(10), 1, Duration.ofMinutes(5));

  public EjectionPolicy {
    if (base.isNegative()) {
      throw new IllegalArgumentException("an ejection time is not negative");
    }
    if (consecutiveFailures < 1) {
      throw new IllegalArgumentException("consecutiveFailures is at least 1");
    }
    if (max.compareTo(base) < 0) {
      max = base;
    }
  }

  /**
   * A policy with {@code base} as the first ejection, growing up to 5 minutes (or {@code base}).
   */
  public static EjectionPolicy of(Duration base, int consecutiveFailures) {
    return new EjectionPolicy(base, consecutiveFailures, DEFAULT.max());
  }

  /** The length of the {@code n}th ejection in a row (1-based), in nanoseconds. */
  long lengthNanos(int n) {
    long base = this.base.toNanos();
    long max = this.max.toNanos();
    int shift = Math.min(n - 1, 30);
    long length = base << shift;
    return length < 0 || (length >> shift) != base ? max : Math.min(length, max);
  }
}
