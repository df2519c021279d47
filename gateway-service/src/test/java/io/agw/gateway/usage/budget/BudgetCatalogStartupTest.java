package io.agw.gateway.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * At start the usage store opens in the background: a call that arrives before the budgets were
 * read waits for that first read (then is checked) instead of being refused at once.
 */
class BudgetCatalogStartupTest {

  @TempDir Path dir;

  private final AtomicReference<UsageDatabase> database = new AtomicReference<>();

  @AfterEach
  void close() {
    if (database.get() != null) {
      database.get().close();
    }
  }

  @Test
  void aCallBeforeTheStoreOpensWaitsForTheFirstReadOfTheBudgets() {
    BudgetCatalog catalog = new BudgetCatalog(new BudgetStore(database::get, Clock.systemUTC()));
    catalog.refresh(); // the store is not open yet: nothing read
    assertThat(catalog.loaded()).isFalse();

    StepVerifier.create(catalog.whenLoaded(Duration.ofSeconds(30)))
        .then(
            () -> {
              database.set(
                  UsageDatabase.open(new DatabaseSettings("sqlite:" + dir.resolve("agw.db"), 2)));
              catalog.refresh(); // what the store's "now open" hook does
            })
        .expectNext(true)
        .verifyComplete();
  }

  @Test
  void aStoreThatStaysClosedLetsTheWaitEndUnread() {
    BudgetCatalog catalog = new BudgetCatalog(new BudgetStore(database::get, Clock.systemUTC()));
    catalog.refresh();

    StepVerifier.create(catalog.whenLoaded(Duration.ofMillis(200)))
        .expectNext(false)
        .verifyComplete();
    StepVerifier.create(catalog.whenLoaded(Duration.ZERO)).expectNext(false).verifyComplete();
  }
}
