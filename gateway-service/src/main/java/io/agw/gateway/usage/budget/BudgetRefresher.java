package io.agw.gateway.usage.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets' background thread: reads the budgets every poll interval, writes settled spend and
 * returns idle leases every flush interval, refreshes the gauges every few seconds, and on stop
 * writes everything and returns every unused lease. One per process.
 */
final class BudgetRefresher {

  private static final Logger log = LoggerFactory.getLogger(BudgetRefresher.class);
  private static final long GAUGE_MILLIS = 5_000;

  private final BudgetCatalog catalog;
  private final BudgetLedger ledger;
  private final BudgetMetrics metrics;
  private final BudgetSettings settings;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "agw-budgets");
            t.setDaemon(true);
            return t;
          });
  private long lastGauges;

  BudgetRefresher(
      BudgetCatalog catalog, BudgetLedger ledger, BudgetMetrics metrics, BudgetSettings settings) {
    this.catalog = catalog;
    this.ledger = ledger;
    this.metrics = metrics;
    this.settings = settings;
  }

  void start() {
    // Read once before traffic, so that budgets hold from the first call when the store is up.
    catalog.refresh();
    executor.scheduleWithFixedDelay(
        () -> guarded(catalog::refresh),
        settings.poll().toMillis(),
        settings.poll().toMillis(),
        TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        () -> guarded(this::flush),
        settings.flush().toMillis(),
        settings.flush().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void flush() {
    ledger.flush(false);
    long now = System.currentTimeMillis();
    if (now - lastGauges >= GAUGE_MILLIS) {
      lastGauges = now;
      List<BudgetMetrics.Level> levels = new ArrayList<>();
      for (Budget b : catalog.all()) {
        if (levels.size() >= BudgetMetrics.MAX_GAUGED) {
          break;
        }
        BudgetLedger.WindowSpend spend = ledger.spendNow(b);
        levels.add(new BudgetMetrics.Level(b, spend.spent(), spend.remaining()));
      }
      metrics.levels(levels);
    }
  }

  private static void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("budget background work failed: {}", e.toString());
    }
  }

  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    guarded(() -> ledger.flush(true));
  }
}
