package io.agw.gateway.usage.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage records older than {@code agw.usage.retention} (zero keeps them forever), every
 * hour and once soon after the start, in batches so that no delete holds the database for long.
 * Lifecycle: {@link #start()}, {@link #stop()}. Thread-safe.
 */
public final class UsageRetention {

  private static final Logger log = LoggerFactory.getLogger(UsageRetention.class);
  static final int BATCH = 5_000;

  private final UsageStore store;
  private final Duration retention;
  private final Duration every;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public UsageRetention(UsageStore store, Duration retention, Duration every, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.every = every;
    this.clock = clock;
  }

  public synchronized void start() {
    if (retention.isZero() || retention.isNegative() || scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "agw-usage-retention");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::purgeQuietly,
        Math.min(60_000, every.toMillis()),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private void purgeQuietly() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("usage retention could not delete old records: {}", e.getMessage());
    }
  }

  /**
   * Deletes every record and guardrail decision older than the retention now; returns how many
   * records went.
   */
  public long purge() {
    UsageDatabase database = store.database().orElse(null);
    if (database == null || retention.isZero() || retention.isNegative()) {
      return 0;
    }
    var cutoff = clock.instant().minus(retention);
    long deleted = 0;
    int last;
    do {
      last = UsageRecordTable.purge(database.jdbc(), cutoff, BATCH);
      deleted += last;
    } while (last == BATCH && !Thread.currentThread().isInterrupted());
    long decisions = 0;
    do {
      last = GuardDecisionTable.purge(database.jdbc(), cutoff, BATCH);
      decisions += last;
    } while (last >= BATCH && !Thread.currentThread().isInterrupted());
    if (deleted > 0 || decisions > 0) {
      log.info(
          "usage retention deleted {} records and {} guardrail decisions older than {}",
          deleted,
          decisions,
          cutoff);
    }
    return deleted;
  }
}
