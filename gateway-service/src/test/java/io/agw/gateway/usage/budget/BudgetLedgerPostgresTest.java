package io.agw.gateway.usage.budget;

import io.agw.gateway.support.PostgresServer;
import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger on a real PostgreSQL shared by two pools, as two replicas share it. */
class BudgetLedgerPostgresTest extends BudgetLedgerContract {

  static PostgresServer postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = new PostgresServer().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Override
  UsageDatabase openDatabase() {
    return UsageDatabase.open(new DatabaseSettings(postgres.url(), 4));
  }
}
