package io.agw.gateway.usage.budget;

import java.util.Locale;

/** What a budget limits: the calls of one API key, team, user or route. */
public enum BudgetScope {
  KEY,
  TEAM,
  USER,
  ROUTE;

  /** The name in the admin API and the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static BudgetScope of(String name) {
    for (BudgetScope s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + name + "' (key, team, user, route)");
  }
}
