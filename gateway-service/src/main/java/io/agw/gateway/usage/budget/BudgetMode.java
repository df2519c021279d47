package io.agw.gateway.usage.budget;

import java.util.Locale;

/** Whether a budget refuses calls it cannot cover ({@code hard}) or only alerts ({@code soft}). */
public enum BudgetMode {
  HARD,
  SOFT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static BudgetMode of(String name) {
    for (BudgetMode m : values()) {
      if (m.wireName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + name + "' (hard, soft)");
  }
}
