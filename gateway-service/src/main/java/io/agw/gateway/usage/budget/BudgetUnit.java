package io.agw.gateway.usage.budget;

import java.util.Locale;

/**
 * What a budget counts: USD (kept as micro-USD {@code long}s, 1e-6 USD, so that sums never drift)
 * or tokens (input plus output).
 */
public enum BudgetUnit {
  USD,
  TOKENS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The unit named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static BudgetUnit of(String name) {
    for (BudgetUnit u : values()) {
      if (u.wireName().equals(name)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown unit '" + name + "' (usd, tokens)");
  }
}
