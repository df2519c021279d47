package io.agw.gateway.config;

import java.time.Duration;
import java.util.Arrays;

/**
 * Decides when a changed version of a watched file may be acted on, so that a reload never acts on
 * a file caught half-written: a version is settled once it has been read unchanged over at least
 * the settle interval (read, wait, read again, equal). A version that would empty a configuration
 * that is not empty (the usual look of a file read between its truncation and its rewrite) must
 * stay unchanged over the longer empty-settle interval. Any different read starts the wait again.
 *
 * <p>Not thread-safe: one instance per watched file, used only by its watch thread. Times are
 * {@link System#nanoTime()} values passed in, so the decision is a function of its inputs.
 */
final class SettleGate {

  /** What to do with the version just read. */
  sealed interface Decision {}

  /** The version has settled: act on it. */
  record Settled() implements Decision {}

  /**
   * Not settled yet: read again after {@code delay}.
   *
   * @param emptying the version would empty the configuration (it waits the longer interval)
   */
  record Wait(Duration delay, boolean emptying) implements Decision {}

  private final long settleNanos;
  private final long emptySettleNanos;
  private byte[] candidate;
  private long firstSeen;

  /**
   * @param settle how long a changed version must be read unchanged; zero acts on the first read
   * @param emptySettle how long a version that empties the configuration must be read unchanged
   */
  SettleGate(Duration settle, Duration emptySettle) {
    if (settle.isNegative() || emptySettle.isNegative()) {
      throw new IllegalArgumentException("settle intervals must not be negative");
    }
    this.settleNanos = settle.toNanos();
    this.emptySettleNanos = Math.max(settleNanos, emptySettle.toNanos());
  }

  /**
   * Records one read of a changed version.
   *
   * @param content what was read
   * @param emptying whether acting on it would leave a non-empty configuration empty
   * @param now the time of the read ({@link System#nanoTime()})
   */
  Decision observe(byte[] content, boolean emptying, long now) {
    if (candidate == null || !Arrays.equals(candidate, content)) {
      candidate = content.clone();
      firstSeen = now;
    }
    long needed = emptying ? emptySettleNanos : settleNanos;
    long unchangedFor = now - firstSeen;
    if (unchangedFor >= needed) {
      candidate = null;
      return new Settled();
    }
    return new Wait(Duration.ofNanos(needed - unchangedFor), emptying);
  }

  /** Forgets the version being waited on (the file went back to what is applied). */
  void reset() {
    candidate = null;
  }
}
