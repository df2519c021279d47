package io.agw.gateway.usage.store;

import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.LlmCallHooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes usage records off the request path. {@link #ended} turns an ended call into a {@link
 * UsageRecord} and offers it to a bounded queue, never blocking; one daemon thread takes batches of
 * up to {@code batchSize} (or whatever arrived within {@code flushInterval}) and inserts each in
 * one JDBC batch. A batch the database refuses is retried {@link #ATTEMPTS} times in all, then
 * dropped. Records lost are counted in {@code agw.usage.records.dropped} ({@code
 * reason=queue_full|database}) and reported by a WARN line at most every 30 s; records stored in
 * {@code agw.usage.records.written}.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} on shutdown writes what is queued (within
 * {@code shutdownTimeout}). Thread-safe.
 */
public final class UsageRecorder implements LlmCallHooks {

  private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

  /** Tries of one batch before it is dropped. */
  static final int ATTEMPTS = 3;

  private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * Sizes and times of the writer.
   *
   * @param queueCapacity records held before new ones are dropped
   * @param batchSize records per insert
   * @param flushInterval the longest a record waits for its batch to fill
   * @param retryDelay the wait before the first retry of a failed batch (doubled before the next)
   * @param shutdownTimeout the longest a graceful stop spends writing what is queued
   */
  public record Settings(
      int queueCapacity,
      int batchSize,
      Duration flushInterval,
      Duration retryDelay,
      Duration shutdownTimeout) {

    public Settings {
      if (queueCapacity < 1 || batchSize < 1) {
        throw new IllegalArgumentException("agw.usage queue-capacity and batch-size must be >= 1");
      }
    }
  }

  private final UsageStore store;
  private final Settings settings;
  private final UsageRecords records;
  private final BooleanSupplier capturesContent;
  private final BlockingQueue<StoredRow> queue;
  private final Counter written;
  private final Counter droppedQueueFull;
  private final Counter droppedDatabase;
  private final AtomicLong unreported = new AtomicLong();
  private volatile long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;
  private volatile boolean stopping;
  private Thread writer;

  /**
   * @param capturesContent whether calls keep their prompt and completion now ({@code llm: full})
   */
  public UsageRecorder(
      UsageStore store, Settings settings, MeterRegistry meters, BooleanSupplier capturesContent) {
    this.store = store;
    this.settings = settings;
    this.records = new UsageRecords();
    this.capturesContent = capturesContent;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.written =
        Counter.builder("agw.usage.records.written")
            .description("Usage records stored in the usage store")
            .register(meters);
    this.droppedQueueFull = dropped(meters, "queue_full");
    this.droppedDatabase = dropped(meters, "database");
  }

  private static Counter dropped(MeterRegistry meters, String reason) {
    return Counter.builder("agw.usage.records.dropped")
        .description("Usage records lost: the queue was full, or the database refused them")
        .tag("reason", reason)
        .register(meters);
  }

  /** With {@code llm: full} in force, the call keeps its prompt and completion. */
  @Override
  public void started(ServerWebExchange exchange, LlmCall call) {
    if (capturesContent.getAsBoolean()) {
      call.captureContent();
    }
  }

  @Override
  public void ended(ServerWebExchange exchange, LlmCall call) {
    offer(records.of(exchange, call));
  }

  /** Queues one record; drops it (counted) when the queue is full or the writer has stopped. */
  public void offer(UsageRecord record) {
    queue(record);
  }

  /**
   * Queues one guardrail decision, like a record: never blocking, dropped (counted in {@code
   * agw.usage.records.dropped}) when the queue is full.
   */
  public void offer(GuardDecisionRow decision) {
    queue(decision);
  }

  private void queue(StoredRow row) {
    if (stopping || !queue.offer(row)) {
      lost(droppedQueueFull, 1, "the queue is full");
    }
  }

  /** Starts the writer thread. */
  public synchronized void start() {
    if (writer == null) {
      writer = new Thread(this::run, "agw-usage-writer");
      writer.setDaemon(true);
      writer.start();
    }
  }

  /** Stops taking records and writes those queued, waiting at most the shutdown timeout. */
  public void stop() {
    stopping = true;
    Thread running;
    synchronized (this) {
      running = writer;
    }
    if (running == null) {
      return;
    }
    try {
      running.join(settings.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.interrupt();
    int left = queue.size();
    if (left > 0) {
      lost(droppedDatabase, left, "the gateway stopped before they were written");
      queue.clear();
    }
  }

  /** Records waiting to be written. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<StoredRow> batch = new ArrayList<>(settings.batchSize());
    // Waits are sliced so that a stop is seen at once, whatever the flush interval.
    long slice = Math.min(settings.flushInterval().toNanos(), STOP_CHECK_NANOS);
    while (!(stopping && queue.isEmpty())) {
      try {
        StoredRow first = queue.poll(slice, TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + settings.flushInterval().toNanos();
        while (batch.size() < settings.batchSize() && !stopping) {
          long wait = Math.min(deadline - System.nanoTime(), slice);
          if (wait <= 0) {
            break;
          }
          StoredRow next = queue.poll(wait, TimeUnit.NANOSECONDS);
          if (next != null) {
            batch.add(next);
          }
        }
        queue.drainTo(batch, settings.batchSize() - batch.size());
        write(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<StoredRow> batch) throws InterruptedException {
    List<UsageRecord> records = new ArrayList<>(batch.size());
    List<GuardDecisionRow> decisions = new ArrayList<>();
    for (StoredRow row : batch) {
      if (row instanceof UsageRecord r) {
        records.add(r);
      } else if (row instanceof GuardDecisionRow d) {
        decisions.add(d);
      }
    }
    long delay = settings.retryDelay().toMillis();
    for (int attempt = 1; ; attempt++) {
      // A store still opening (connecting, migrating) is not a failure: the batch waits for it,
      // and the queue behind it absorbs what arrives meanwhile.
      while (store.state() == UsageStore.State.STARTING && !stopping) {
        Thread.sleep(settings.flushInterval().toMillis());
      }
      try {
        UsageDatabase database =
            store.database().orElseThrow(() -> new IllegalStateException("not open yet"));
        if (!records.isEmpty()) {
          UsageRecordTable.insert(database.jdbc(), records);
          written.increment(records.size());
        }
        if (!decisions.isEmpty()) {
          GuardDecisionTable.insert(database.jdbc(), decisions);
        }
        store.succeeded();
        return;
      } catch (RuntimeException e) {
        if (store.database().isPresent()) {
          store.failed(e);
        }
        if (attempt >= ATTEMPTS || stopping) {
          lost(droppedDatabase, batch.size(), "the usage store could not write them");
          return;
        }
        Thread.sleep(delay);
        delay *= 2;
      }
    }
  }

  private void lost(Counter counter, int count, String why) {
    counter.increment(count);
    long total = unreported.addAndGet(count);
    long now = System.nanoTime();
    long last = lastWarnNanos;
    if (now - last >= WARN_EVERY_NANOS && total > 0) {
      lastWarnNanos = now;
      log.warn(
          "{} usage records dropped since the last report (last reason: {}); see"
              + " agw.usage.records.dropped",
          unreported.getAndSet(0),
          why);
    }
  }
}
