package io.agw.gateway.usage.budget;

import java.time.Duration;

/**
 * How budgets are enforced ({@code agw.budgets.*}).
 *
 * @param defaultMaxOutputTokens the output assumed for a call whose request sets no {@code
 *     max_tokens} / {@code max_completion_tokens} / {@code max_output_tokens}
 * @param leaseFraction the share of what remains of a budget that a replica takes at once
 * @param failOpen whether hard budgets let calls through when the database is unavailable and no
 *     lease covers them (otherwise 503)
 * @param refuseUnpriced whether a USD hard budget refuses a model the catalog does not price
 * @param poll how often the budgets are read from the database
 * @param flush how often settled spend is written and idle leases are returned
 * @param idleReturn how long a lease may stay unused before it is given back
 * @param startupWait how long a call waits for the budgets' first read (the usage store opens in
 *     the background at start) before {@code failOpen} decides
 */
public record BudgetSettings(
    long defaultMaxOutputTokens,
    double leaseFraction,
    boolean failOpen,
    boolean refuseUnpriced,
    Duration poll,
    Duration flush,
    Duration idleReturn,
    Duration startupWait) {

  public static final BudgetSettings DEFAULTS =
      new BudgetSettings(
          4096,
          0.1,
          false,
          true,
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(10));

  public BudgetSettings {
    if (defaultMaxOutputTokens <= 0) {
      throw new IllegalArgumentException("agw.budgets.default-max-output-tokens must be positive");
    }
    if (!(leaseFraction > 0 && leaseFraction <= 1)) {
      throw new IllegalArgumentException("agw.budgets.lease-fraction must be in (0, 1]");
    }
  }
}
