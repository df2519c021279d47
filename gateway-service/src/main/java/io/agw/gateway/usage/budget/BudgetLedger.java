package io.agw.gateway.usage.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This replica's share of every budget's current window, in memory. Reservations draw from a lease
 * the replica took from the database ({@link BudgetStore#lease}, one conditional update that never
 * lets the leases and settled spend of all replicas exceed the amount); only when the lease is
 * exhausted does a reservation wait for the database, on a worker thread, never on the event loop.
 * Settling returns the difference to the lease in memory; {@link #flush} writes settled spend and
 * gives back leases that have been idle. A replica that dies loses its unused lease until the
 * window ends: the budget is under-spent, never overshot.
 *
 * <p>Thread-safe: each window's account has its own lock; the request path only ever tries it.
 */
public final class BudgetLedger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BudgetLedger.class);

  /** What a reservation came to. */
  public sealed interface Outcome {}

  /** Reserved: {@code hold} must be settled (or released) once. */
  public record Held(Hold hold) implements Outcome {}

  /** A hard budget cannot cover the call until {@code period} ends. */
  public record Refused(Budget budget, BudgetWindow.Period period) implements Outcome {}

  /** No lease covers the call and the database could not be asked. */
  public record Unavailable(Budget budget, RuntimeException cause) implements Outcome {}

  /**
   * One call's reservation against one budget's window. Used by one call at a time (its request,
   * then its stream, then its end); the units change only under the account's lock.
   */
  public static final class Hold {
    private final Account account;
    private volatile long units;
    private volatile boolean settled;
    private volatile boolean overSoftLimit;

    private Hold(Account account, long units) {
      this.account = account;
      this.units = units;
    }

    public Budget budget() {
      return account.budget;
    }

    /** What is reserved now. */
    public long units() {
      return units;
    }

    /** Whether a soft budget could not cover this reservation (its alert fired). */
    public boolean overSoftLimit() {
      return overSoftLimit;
    }
  }

  private record Key(String budgetId, long windowStart) {}

  private static final class Account {
    volatile Budget budget;
    final BudgetWindow.Period period;
    final ReentrantLock lock = new ReentrantLock();

    /** Held from the database (counted in its committed spend), not yet settled or returned. */
    long leased;

    /** Reservations outstanding. */
    long reserved;

    /** Settled here, not yet written to the database. */
    long pendingSettled;

    long lastActivityMillis;
    boolean alerted;

    Account(Budget budget, BudgetWindow.Period period) {
      this.budget = budget;
      this.period = period;
    }

    long available() {
      return leased - reserved - pendingSettled;
    }
  }

  /** Told once per soft budget and window when its spend crosses the amount. */
  public interface SoftAlert {
    void crossed(Budget budget, BudgetWindow.Period period);
  }

  private final BudgetStore store;
  private final BudgetSettings settings;
  private final Clock clock;
  private final SoftAlert alert;
  private final Map<Key, Account> accounts = new ConcurrentHashMap<>();

  /** The database work of reservations, apart from other blocking work so it never queues there. */
  private final Scheduler database =
      Schedulers.newBoundedElastic(8, 10_000, "agw-budget-lease", 60, true);

  public BudgetLedger(BudgetStore store, BudgetSettings settings, Clock clock, SoftAlert alert) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.alert = alert;
  }

  /** Stops the threads that take leases; call after the last {@link #flush}. */
  @Override
  public void close() {
    database.dispose();
  }

  /** The window of {@code budget} that holds the present moment. */
  public BudgetWindow.Period periodNow(Budget budget) {
    return budget.window().periodAt(clock.instant(), budget.timeZone());
  }

  /**
   * Reserves {@code units} against {@code budget}'s current window: at once from the lease when it
   * covers them, else after taking a lease from the database on a worker thread.
   */
  public Mono<Outcome> reserve(Budget budget, long units) {
    Account account = account(budget);
    Outcome fast = tryFast(account, units, null);
    if (fast != null) {
      return Mono.just(fast);
    }
    return Mono.fromCallable(() -> reserveSlow(account, units, null)).subscribeOn(database);
  }

  /**
   * Grows {@code hold} by {@code units} (a stream that outgrew its reservation); emits false when a
   * hard budget cannot cover them, or the database cannot be asked and budgets fail closed.
   */
  public Mono<Boolean> extend(Hold hold, long units) {
    if (units <= 0) {
      return Mono.just(true);
    }
    Outcome fast = tryFast(hold.account, units, hold);
    if (fast != null) {
      return Mono.just(fast instanceof Held);
    }
    return Mono.fromCallable(() -> reserveSlow(hold.account, units, hold))
        .subscribeOn(database)
        .map(o -> o instanceof Held || (o instanceof Unavailable && settings.failOpen()));
  }

  /** Settles {@code hold} to what the call really cost; later calls do nothing. In memory. */
  public void settle(Hold hold, long actual) {
    if (hold.settled) {
      return;
    }
    Account a = hold.account;
    a.lock.lock();
    try {
      if (hold.settled) {
        return;
      }
      hold.settled = true;
      a.reserved -= hold.units;
      a.pendingSettled += Math.max(0, actual);
      a.lastActivityMillis = clock.millis();
    } finally {
      a.lock.unlock();
    }
  }

  /** Gives a reservation back untouched (a call refused or failed before any output). */
  public void release(Hold hold) {
    settle(hold, 0);
  }

  private Account account(Budget budget) {
    BudgetWindow.Period period = periodNow(budget);
    Key key = new Key(budget.id(), period.start().toEpochMilli());
    Account account = accounts.computeIfAbsent(key, k -> new Account(budget, period));
    if (!account.budget.equals(budget)) {
      // The budget was changed (a new amount, a new mode): the window's lease stays and counts
      // against the new settings.
      account.budget = budget;
    }
    return account;
  }

  /** The outcome when the lease covers {@code units} and the lock is free; null otherwise. */
  private Outcome tryFast(Account a, long units, Hold growing) {
    if (!a.lock.tryLock()) {
      return null;
    }
    try {
      if (a.available() < units) {
        return null;
      }
      return take(a, units, growing, false);
    } finally {
      a.lock.unlock();
    }
  }

  private Outcome reserveSlow(Account a, long units, Hold growing) {
    a.lock.lock();
    try {
      long available = a.available();
      if (available >= units) {
        return take(a, units, growing, false);
      }
      long need = units - Math.max(0, available);
      Budget b = a.budget;
      long start = a.period.start().toEpochMilli();
      boolean granted;
      try {
        long remaining = b.amount() - store.spend(b.id(), start).committed();
        long chunk = Math.max(need, (long) Math.ceil(remaining * settings.leaseFraction()));
        granted = chunk > need && store.lease(b.id(), start, chunk, b.amount());
        if (granted) {
          a.leased += chunk;
        } else {
          granted = store.lease(b.id(), start, need, b.amount());
          if (granted) {
            a.leased += need;
          }
        }
      } catch (RuntimeException e) {
        log.warn("cannot take a lease on {}: {}", b.describe(), e.toString());
        if (!b.hard()) {
          return take(a, units, growing, false);
        }
        return new Unavailable(b, e);
      }
      if (granted) {
        return take(a, units, growing, false);
      }
      if (!b.hard()) {
        // Spend beyond the lease reaches the database's committed spend when flushed.
        if (!a.alerted) {
          a.alerted = true;
          alert.crossed(b, a.period);
        }
        return take(a, units, growing, true);
      }
      return new Refused(b, a.period);
    } finally {
      a.lock.unlock();
    }
  }

  private Outcome take(Account a, long units, Hold growing, boolean overSoft) {
    a.reserved += units;
    a.lastActivityMillis = clock.millis();
    Hold hold = growing;
    if (hold == null) {
      hold = new Hold(a, units);
    } else {
      hold.units += units;
    }
    if (overSoft) {
      hold.overSoftLimit = true;
    }
    return new Held(hold);
  }

  /**
   * Writes settled spend to the database and gives back leases idle for {@code
   * settings.idleReturn()} (all unused leases when {@code returnAll}); windows that ended and hold
   * nothing are forgotten. One flush at a time (the flusher, then shutdown).
   */
  public synchronized void flush(boolean returnAll) {
    long now = clock.millis();
    Instant nowInstant = Instant.ofEpochMilli(now);
    List<Map.Entry<Key, Account>> entries = new ArrayList<>(accounts.entrySet());
    for (Map.Entry<Key, Account> e : entries) {
      Account a = e.getValue();
      long settled;
      long fromLease;
      long returned;
      a.lock.lock();
      try {
        settled = a.pendingSettled;
        fromLease = Math.min(settled, Math.max(0, a.leased));
        a.leased -= fromLease;
        a.pendingSettled = 0;
        boolean ended = a.period.end() != null && !a.period.end().isAfter(nowInstant);
        boolean idle = now - a.lastActivityMillis >= settings.idleReturn().toMillis();
        returned =
            (returnAll || ended || idle) ? Math.max(0, a.leased - Math.max(0, a.reserved)) : 0;
        a.leased -= returned;
      } finally {
        a.lock.unlock();
      }
      if (settled == 0 && returned == 0) {
        forgetIfDone(e.getKey(), a, nowInstant);
        continue;
      }
      try {
        store.flush(
            a.budget.id(),
            a.period.start().toEpochMilli(),
            settled,
            settled - fromLease - returned);
      } catch (RuntimeException ex) {
        log.warn("cannot write the spend of {}: {}", a.budget.describe(), ex.toString());
        a.lock.lock();
        try {
          a.pendingSettled += settled;
          a.leased += fromLease + returned;
        } finally {
          a.lock.unlock();
        }
        continue;
      }
      forgetIfDone(e.getKey(), a, nowInstant);
    }
  }

  private void forgetIfDone(Key key, Account a, Instant now) {
    a.lock.lock();
    try {
      boolean empty = a.leased == 0 && a.reserved == 0 && a.pendingSettled == 0;
      boolean ended = a.period.end() != null && !a.period.end().isAfter(now);
      if (empty && ended) {
        accounts.remove(key, a);
      }
    } finally {
      a.lock.unlock();
    }
  }

  /** This replica's view of a window: reserved now and settled but not yet written. */
  public record Local(long reserved, long pendingSettled, long leased) {
    public static final Local NONE = new Local(0, 0, 0);
  }

  /** What this replica holds of {@code budget}'s window that starts at {@code windowStart}. */
  public Local local(String budgetId, long windowStart) {
    Account a = accounts.get(new Key(budgetId, windowStart));
    if (a == null) {
      return Local.NONE;
    }
    a.lock.lock();
    try {
      return new Local(a.reserved, a.pendingSettled, a.leased);
    } finally {
      a.lock.unlock();
    }
  }

  /**
   * A budget's current window as every replica sees it: the database's settled spend plus what this
   * replica has settled and not yet written, and the reservations this replica holds. Reads the
   * database (blocking).
   */
  public WindowSpend spendNow(Budget budget) {
    BudgetWindow.Period period = periodNow(budget);
    long start = period.start().toEpochMilli();
    BudgetStore.Spend stored = store.spend(budget.id(), start);
    Local local = local(budget.id(), start);
    long spent = stored.settled() + local.pendingSettled();
    long reserved = local.reserved();
    return new WindowSpend(
        period, spent, reserved, Math.max(0, budget.amount() - spent - reserved));
  }

  /**
   * @param spent settled spend in the window
   * @param reserved reservations this replica holds for calls in flight
   * @param remaining what is left: the amount less spent and reserved, never below zero
   */
  public record WindowSpend(
      BudgetWindow.Period period, long spent, long reserved, long remaining) {}
}
