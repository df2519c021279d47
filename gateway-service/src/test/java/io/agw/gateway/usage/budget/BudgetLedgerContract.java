package io.agw.gateway.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.usage.store.UsageDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger against a real database, as replicas share it: each "replica" is a ledger with its own
 * connection pool to the same database. Subclasses give the database (SQLite, PostgreSQL).
 */
abstract class BudgetLedgerContract {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final BudgetSettings SETTINGS =
      new BudgetSettings(
          100,
          0.1,
          false,
          true,
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ZERO,
          Duration.ZERO);

  final TestClock clock = new TestClock();
  final List<AutoCloseable> opened = new ArrayList<>();
  final AtomicInteger alerts = new AtomicInteger();

  /** A new pool on the shared database (a replica's own connection). */
  abstract UsageDatabase openDatabase();

  BudgetStore store() {
    UsageDatabase db = openDatabase();
    opened.add(db);
    return new BudgetStore(() -> db, clock);
  }

  BudgetLedger replica(BudgetStore store) {
    BudgetLedger ledger =
        new BudgetLedger(store, SETTINGS, clock, (b, p) -> alerts.incrementAndGet());
    opened.add(0, ledger);
    return ledger;
  }

  Budget budget(BudgetStore store, BudgetWindow window, long amount, BudgetMode mode) {
    Budget b =
        new Budget(
            "bud_" + UUID.randomUUID(),
            BudgetScope.TEAM,
            "team-" + UUID.randomUUID(),
            BudgetUnit.TOKENS,
            amount,
            window,
            ZoneId.of("Europe/Berlin"),
            mode);
    store.insert(b);
    return b;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  static BudgetLedger.Outcome reserve(BudgetLedger ledger, Budget b, long units) {
    return ledger.reserve(b, units).block(Duration.ofSeconds(30));
  }

  @Test
  void twoReplicasUnderConcurrentLoadNeverCommitMoreThanTheAmount() throws Exception {
    BudgetStore storeA = store();
    BudgetStore storeB = store();
    Budget b = budget(storeA, BudgetWindow.DAILY, 1_005, BudgetMode.HARD);
    BudgetLedger a = replica(storeA);
    BudgetLedger bLedger = replica(storeB);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch done = new CountDownLatch(200);
    for (int i = 0; i < 200; i++) {
      BudgetLedger ledger = i % 2 == 0 ? a : bLedger;
      pool.execute(
          () -> {
            try {
              if (reserve(ledger, b, 10) instanceof BudgetLedger.Held h) {
                held.incrementAndGet();
                ledger.settle(h.hold(), 10);
              } else {
                refused.incrementAndGet();
              }
            } finally {
              done.countDown();
            }
          });
      if (i % 20 == 0) {
        BudgetLedger flushing = i % 40 == 0 ? a : bLedger;
        pool.execute(() -> flushing.flush(false));
      }
    }
    assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    a.flush(true);
    bLedger.flush(true);
    BudgetStore.Spend spend = storeA.spend(b.id(), a.periodNow(b).start().toEpochMilli());
    assertThat(refused.get()).isPositive();
    assertThat(spend.settled()).isEqualTo(10L * held.get()).isLessThanOrEqualTo(1_005);
    // Every unused lease was given back: committed is exactly what was settled.
    assertThat(spend.committed()).isEqualTo(spend.settled());
    // Leases in chunks: 100 calls of 10 fit; only the last few could be lost to lease rounding.
    assertThat(held.get()).isGreaterThanOrEqualTo(95);
  }

  @Test
  void aRestartKeepsTheSpend() throws Exception {
    BudgetStore store = store();
    Budget b = budget(store, BudgetWindow.LIFETIME, 100, BudgetMode.HARD);
    BudgetLedger first = replica(store);
    var hold = ((BudgetLedger.Held) reserve(first, b, 90)).hold();
    first.settle(hold, 80);
    first.flush(true);
    first.close();

    BudgetLedger restarted = replica(store());
    assertThat(reserve(restarted, b, 30)).isInstanceOf(BudgetLedger.Refused.class);
    assertThat(reserve(restarted, b, 20)).isInstanceOf(BudgetLedger.Held.class);
  }

  @Test
  void anIdleLeaseIsGivenBackForOtherReplicas() {
    BudgetStore storeA = store();
    Budget b = budget(storeA, BudgetWindow.MONTHLY, 1_000, BudgetMode.HARD);
    BudgetLedger a = replica(storeA);
    BudgetLedger other = replica(store());
    var hold = ((BudgetLedger.Held) reserve(a, b, 400)).hold();
    a.settle(hold, 100);
    // Replica a's lease still holds the 400; until it is returned the other sees 600 at most.
    assertThat(reserve(other, b, 700)).isInstanceOf(BudgetLedger.Refused.class);
    a.flush(false);
    assertThat(reserve(other, b, 900)).isInstanceOf(BudgetLedger.Held.class);
  }

  @Test
  void aNewWindowStartsFromZero() {
    BudgetStore store = store();
    Budget b = budget(store, BudgetWindow.DAILY, 100, BudgetMode.HARD);
    BudgetLedger ledger = replica(store);
    var hold = ((BudgetLedger.Held) reserve(ledger, b, 100)).hold();
    ledger.settle(hold, 100);
    BudgetLedger.Outcome refused = reserve(ledger, b, 1);
    assertThat(refused).isInstanceOf(BudgetLedger.Refused.class);
    // Midnight in Berlin is 23:00 UTC in winter.
    assertThat(((BudgetLedger.Refused) refused).period().end())
        .isEqualTo(Instant.parse("2026-12-07T23:00:00Z"));
    clock.now = Instant.parse("2026-12-07T23:00:00Z");
    assertThat(reserve(ledger, b, 100)).isInstanceOf(BudgetLedger.Held.class);
  }

  @Test
  void aSoftBudgetLetsCallsPassAndAlertsOncePerWindow() {
    BudgetStore store = store();
    Budget b = budget(store, BudgetWindow.DAILY, 50, BudgetMode.SOFT);
    BudgetLedger ledger = replica(store);
    assertThat(reserve(ledger, b, 40)).isInstanceOf(BudgetLedger.Held.class);
    BudgetLedger.Outcome over = reserve(ledger, b, 40);
    assertThat(over).isInstanceOf(BudgetLedger.Held.class);
    assertThat(((BudgetLedger.Held) over).hold().overSoftLimit()).isTrue();
    assertThat(reserve(ledger, b, 40)).isInstanceOf(BudgetLedger.Held.class);
    assertThat(alerts.get()).isEqualTo(1);
  }

  @Test
  void withoutTheDatabaseHardBudgetsAreUnavailableAndSoftOnesPass() {
    BudgetStore store = store();
    Budget hard = budget(store, BudgetWindow.DAILY, 50, BudgetMode.HARD);
    Budget soft = budget(store, BudgetWindow.DAILY, 50, BudgetMode.SOFT);
    BudgetLedger ledger = replica(new BudgetStore(() -> null, clock));
    assertThat(reserve(ledger, hard, 10)).isInstanceOf(BudgetLedger.Unavailable.class);
    assertThat(reserve(ledger, soft, 10)).isInstanceOf(BudgetLedger.Held.class);
  }
}
