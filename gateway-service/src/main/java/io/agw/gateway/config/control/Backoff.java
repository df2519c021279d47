package io.agw.gateway.config.control;

import java.time.Duration;

/**
 * Exponential reconnection backoff with jitter: attempt {@code n} waits between half and all of
 * {@code min(max, initial * 2^n)}, so that many gateways losing one control service do not all come
 * back at the same instant.
 */
record Backoff(Duration initial, Duration max) {

  Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
  }

  /**
   * @param attempt 0 for the first reconnection after a loss
   * @param random a number in [0, 1)
   */
  Duration delay(int attempt, double random) {
    long ceiling = max.toMillis();
    long base = initial.toMillis() << Math.min(attempt, 30);
    long capped = base <= 0 || base > ceiling ? ceiling : base;
    return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
  }
}
