package io.agw.gateway.usage.budget;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One budget: a limit of {@code amount} on the spend of the calls of {@code subject} in {@code
 * scope}, per {@code window} in {@code timeZone}. Immutable.
 *
 * @param id the budget's id (assigned when created)
 * @param scope whose calls count
 * @param subject the key id, team name, user or route name the budget limits
 * @param unit what it counts
 * @param amount the limit in micro-USD for {@link BudgetUnit#USD}, in tokens otherwise; >= 0
 * @param window the period spend is counted over
 * @param timeZone where daily, weekly and monthly windows start
 * @param mode refuse (hard) or alert only (soft)
 */
public record Budget(
    String id,
    BudgetScope scope,
    String subject,
    BudgetUnit unit,
    long amount,
    BudgetWindow window,
    ZoneId timeZone,
    BudgetMode mode) {

  public Budget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(mode, "mode");
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
  }

  public boolean hard() {
    return mode == BudgetMode.HARD;
  }

  /** How the budget is named in a refusal and a log: scope, subject, window and amount. */
  public String describe() {
    String limit =
        unit == BudgetUnit.USD
            ? String.format(java.util.Locale.ROOT, "%.6f USD", amount / 1e6)
                .replaceAll("0+ USD$", " USD")
                .replace(". USD", ".00 USD")
            : amount + " tokens";
    return "budget "
        + id
        + " ("
        + scope.wireName()
        + " '"
        + subject
        + "', "
        + window.wireName()
        + ", "
        + limit
        + ")";
  }
}
