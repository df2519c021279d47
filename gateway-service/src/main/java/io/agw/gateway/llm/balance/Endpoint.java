package io.agw.gateway.llm.balance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What the gateway knows about one provider endpoint: the requests in flight, a peak EWMA of its
 * latency (a slower answer is taken at once; faster ones pull the estimate down smoothly, and the
 * estimate decays towards zero while the endpoint is idle, so an endpoint once slow is tried again
 * after a while), and its health (failures in a row, ejected until when, ejections in a row).
 *
 * <p>Lives as long as the provider is configured, across config states ({@link Endpoints}).
 * Thread-safe: the counter is atomic, the rest is guarded by the instance's lock (held for a few
 * arithmetic operations only).
 */
public final class Endpoint {

  /** How fast an idle estimate fades: the time constant of the decay. */
  static final long DECAY_NANOS = 10_000_000_000L;

  /** The cost of an endpoint not measured yet: optimistic, so that new endpoints get tried. */
  static final double UNMEASURED_NANOS = 1_000_000;

  private final String name;
  private final LongSupplier clock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private double estimateNanos = -1;
  private long estimatedAt;
  private int failuresInRow;
  private int ejectionsInRow;
  private long ejectedUntil;
  private boolean ejected;

  /**
   * @param name for logs and metrics
   * @param clock monotonic nanoseconds ({@code System::nanoTime} outside tests)
   */
  public Endpoint(String name, LongSupplier clock) {
    this.name = name;
    this.clock = clock;
  }

  public String name() {
    return name;
  }

  /** The clock this endpoint reads. */
  public long now() {
    return clock.getAsLong();
  }

  /** A request starts; pair with {@link #finished()}. */
  public void started() {
    inFlight.incrementAndGet();
  }

  /** A request started with {@link #started()} is over (its response fully sent, or failed). */
  public void finished() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Records a latency (the time to the response's status and headers). */
  public synchronized void observe(long latencyNanos) {
    long now = clock.getAsLong();
    double current = decayed(now);
    if (estimateNanos < 0 || latencyNanos > current) {
      estimateNanos = latencyNanos;
    } else {
      double w = Math.exp(-(double) (now - estimatedAt) / DECAY_NANOS);
      estimateNanos = current * w + latencyNanos * (1 - w);
    }
    estimatedAt = now;
  }

  /** The latency estimate now, in nanoseconds; negative when never measured. */
  public synchronized double latencyNanos() {
    return estimateNanos < 0 ? -1 : decayed(clock.getAsLong());
  }

  /** The load score used to compare endpoints: the latency estimate times (in flight + 1). */
  public synchronized double cost() {
    double latency = estimateNanos < 0 ? UNMEASURED_NANOS : decayed(clock.getAsLong());
    return latency * (inFlight.get() + 1);
  }

  private double decayed(long now) {
    long elapsed = Math.max(0, now - estimatedAt);
    return estimateNanos * Math.exp(-(double) elapsed / DECAY_NANOS);
  }

  /** Whether the endpoint is out of the choice right now. */
  public synchronized boolean ejected() {
    if (ejected && clock.getAsLong() - ejectedUntil >= 0) {
      ejected = false;
    }
    return ejected;
  }

  /** Failures in a row since the last success or ejection. */
  public synchronized int consecutiveFailures() {
    return failuresInRow;
  }

  /** How much longer the endpoint stays ejected, in nanoseconds; zero when it is not ejected. */
  public synchronized long ejectedForNanos() {
    return ejected() ? ejectedUntil - clock.getAsLong() : 0;
  }

  /**
   * Records a failure (a connection failure, 429 or 5xx).
   *
   * @return true when this failure ejected the endpoint
   */
  public synchronized boolean failed(EjectionPolicy policy) {
    failuresInRow++;
    if (policy.base().isZero() || failuresInRow < policy.consecutiveFailures() || ejected()) {
      return false;
    }
    failuresInRow = 0;
    ejectionsInRow++;
    ejected = true;
    ejectedUntil = clock.getAsLong() + policy.lengthNanos(ejectionsInRow);
    return true;
  }

  /**
   * Records a success: the failure count and the growing ejection time start over, and an ejection
   * ends (a retry that went back to an ejected endpoint proved it healthy).
   */
  public synchronized void succeeded() {
    failuresInRow = 0;
    ejectionsInRow = 0;
    ejected = false;
  }

  @Override
  public String toString() {
    return "Endpoint[" + name + ", in flight " + inFlight.get() + "]";
  }
}
