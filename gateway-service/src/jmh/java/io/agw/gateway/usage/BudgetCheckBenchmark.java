package io.agw.gateway.usage;

import io.agw.gateway.usage.budget.Budget;
import io.agw.gateway.usage.budget.BudgetLedger;
import io.agw.gateway.usage.budget.BudgetMode;
import io.agw.gateway.usage.budget.BudgetScope;
import io.agw.gateway.usage.budget.BudgetSettings;
import io.agw.gateway.usage.budget.BudgetStore;
import io.agw.gateway.usage.budget.BudgetUnit;
import io.agw.gateway.usage.budget.BudgetWindow;
import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The budget check of one LLM call as the request path runs it once the replica holds a lease:
 * reserve the worst case in memory, then settle to the real cost. The lease is taken once from a
 * real SQLite store in {@link #setUp}; no iteration touches the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BudgetCheckBenchmark {

  private UsageDatabase database;
  private BudgetLedger ledger;
  private Budget budget;

  @Setup
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("agw-budget-bench");
    database = UsageDatabase.open(new DatabaseSettings("sqlite:" + dir.resolve("agw.db"), 2));
    BudgetStore store = new BudgetStore(() -> database, Clock.systemUTC());
    budget =
        new Budget(
            "bench",
            BudgetScope.KEY,
            "sha256:0123456789ab",
            BudgetUnit.USD,
            Long.MAX_VALUE / 4,
            BudgetWindow.MONTHLY,
            ZoneOffset.UTC,
            BudgetMode.HARD);
    store.insert(budget);
    BudgetSettings settings =
        new BudgetSettings(
            4096,
            1.0,
            false,
            true,
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ZERO,
            Duration.ZERO);
    ledger = new BudgetLedger(store, settings, Clock.systemUTC(), (b, p) -> {});
    // Takes the lease (the whole amount) once.
    check();
  }

  @TearDown
  public void tearDown() {
    ledger.close();
    database.close();
  }

  @Benchmark
  public Object check() {
    BudgetLedger.Outcome outcome = ledger.reserve(budget, 45_000).block();
    if (outcome instanceof BudgetLedger.Held held) {
      ledger.settle(held.hold(), 12_000);
    }
    return outcome;
  }
}
