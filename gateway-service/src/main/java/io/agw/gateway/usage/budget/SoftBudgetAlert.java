package io.agw.gateway.usage.budget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a WARN when a soft budget's spend crosses its amount (once per budget and window). */
final class SoftBudgetAlert implements BudgetLedger.SoftAlert {

  private static final Logger log = LoggerFactory.getLogger(SoftBudgetAlert.class);

  @Override
  public void crossed(Budget budget, BudgetWindow.Period period) {
    log.warn(
        "soft {} is exceeded in the window from {} (calls still pass)",
        budget.describe(),
        period.start());
  }
}
