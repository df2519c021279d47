package io.agw.gateway.usage.budget;

import io.agw.gateway.usage.store.StoreNotOpenException;
import io.agw.gateway.usage.store.UsageDatabase;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The budgets and their spend in the usage database (tables {@code agw_budgets} and {@code
 * agw_budget_spend}, migration {@code V3__budgets.sql}), the same SQL on SQLite and PostgreSQL.
 * Every spend change is one atomic statement, so replicas sharing the database never lose an
 * update. Blocking: never call it on an event-loop thread. Thread-safe.
 */
public final class BudgetStore {

  /** One window's spend as the database holds it. */
  public record Spend(long committed, long settled) {
    public static final Spend NONE = new Spend(0, 0);
  }

  private static final RowMapper<Budget> BUDGET =
      (rs, i) ->
          new Budget(
              rs.getString("id"),
              BudgetScope.of(rs.getString("scope")),
              rs.getString("subject"),
              BudgetUnit.of(rs.getString("unit")),
              rs.getLong("amount"),
              BudgetWindow.of(rs.getString("period")),
              ZoneId.of(rs.getString("time_zone")),
              BudgetMode.of(rs.getString("mode")));

  private final Supplier<UsageDatabase> database;
  private final Clock clock;

  /**
   * @param database the usage database, or null while it is not available (then every call throws)
   */
  public BudgetStore(Supplier<UsageDatabase> database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  private JdbcTemplate jdbc() {
    UsageDatabase db = database.get();
    if (db == null) {
      throw new StoreNotOpenException();
    }
    return db.jdbc();
  }

  public List<Budget> all() {
    return jdbc().query("SELECT * FROM agw_budgets ORDER BY created_at, id", BUDGET);
  }

  public Optional<Budget> find(String id) {
    return jdbc().query("SELECT * FROM agw_budgets WHERE id = ?", BUDGET, id).stream().findFirst();
  }

  public void insert(Budget b) {
    long now = clock.millis();
    jdbc()
        .update(
            "INSERT INTO agw_budgets (id, scope, subject, unit, amount, period, time_zone, mode,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            b.id(),
            b.scope().wireName(),
            b.subject(),
            b.unit().wireName(),
            b.amount(),
            b.window().wireName(),
            b.timeZone().getId(),
            b.mode().wireName(),
            now,
            now);
  }

  /** Replaces a budget's settings; false when it does not exist. */
  public boolean update(Budget b) {
    return jdbc()
            .update(
                "UPDATE agw_budgets SET scope = ?, subject = ?, unit = ?, amount = ?, period = ?,"
                    + " time_zone = ?, mode = ?, updated_at = ? WHERE id = ?",
                b.scope().wireName(),
                b.subject(),
                b.unit().wireName(),
                b.amount(),
                b.window().wireName(),
                b.timeZone().getId(),
                b.mode().wireName(),
                clock.millis(),
                b.id())
        == 1;
  }

  /** Deletes a budget and its spend; false when it does not exist. */
  public boolean delete(String id) {
    jdbc().update("DELETE FROM agw_budget_spend WHERE budget_id = ?", id);
    return jdbc().update("DELETE FROM agw_budgets WHERE id = ?", id) == 1;
  }

  public Spend spend(String budgetId, long windowStart) {
    return jdbc()
        .query(
            "SELECT committed, settled FROM agw_budget_spend WHERE budget_id = ? AND window_start"
                + " = ?",
            (rs, i) -> new Spend(rs.getLong(1), rs.getLong(2)),
            budgetId,
            windowStart)
        .stream()
        .findFirst()
        .orElse(Spend.NONE);
  }

  /**
   * Takes a lease of {@code units} for a replica: adds them to {@code committed} in one conditional
   * statement, only if the total stays within {@code limit} (no limit when {@code limit} is
   * negative, for soft budgets). Returns whether the lease was granted.
   */
  public boolean lease(String budgetId, long windowStart, long units, long limit) {
    ensureRow(budgetId, windowStart);
    if (limit < 0) {
      return jdbc()
              .update(
                  "UPDATE agw_budget_spend SET committed = committed + ? WHERE budget_id = ? AND"
                      + " window_start = ?",
                  units,
                  budgetId,
                  windowStart)
          == 1;
    }
    return jdbc()
            .update(
                "UPDATE agw_budget_spend SET committed = committed + ? WHERE budget_id = ? AND"
                    + " window_start = ? AND committed + ? <= ?",
                units,
                budgetId,
                windowStart,
                units,
                limit)
        == 1;
  }

  /**
   * Records what a replica has settled and gives back what it no longer holds, in one statement:
   * {@code settled} grows by {@code settled}; {@code committed} changes by {@code committedDelta}
   * (the spend beyond the replica's lease minus the unused lease it returns).
   */
  public void flush(String budgetId, long windowStart, long settled, long committedDelta) {
    ensureRow(budgetId, windowStart);
    jdbc()
        .update(
            "UPDATE agw_budget_spend SET settled = settled + ?, committed = committed + ? WHERE"
                + " budget_id = ? AND window_start = ?",
            settled,
            committedDelta,
            budgetId,
            windowStart);
  }

  private void ensureRow(String budgetId, long windowStart) {
    jdbc()
        .update(
            "INSERT INTO agw_budget_spend (budget_id, window_start, committed, settled) VALUES (?,"
                + " ?, 0, 0) ON CONFLICT (budget_id, window_start) DO NOTHING",
            budgetId,
            windowStart);
  }
}
