package io.agw.gateway.usage.budget;

import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on SQLite, the default store (one file, two pools as two replicas would be). */
class BudgetLedgerSqliteTest extends BudgetLedgerContract {

  @TempDir Path dir;

  @Override
  UsageDatabase openDatabase() {
    return UsageDatabase.open(new DatabaseSettings("sqlite:" + dir.resolve("agw.db"), 4));
  }
}
