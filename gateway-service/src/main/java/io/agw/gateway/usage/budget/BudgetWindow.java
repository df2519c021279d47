package io.agw.gateway.usage.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The period a budget's spend is counted over: a calendar day, week (starting Monday) or month in
 * the budget's time zone, or the budget's whole lifetime. Spend starts again from zero in each new
 * window.
 */
public enum BudgetWindow {
  DAILY,
  WEEKLY,
  MONTHLY,
  LIFETIME;

  /** One window: from {@code start} (inclusive) to {@code end} (exclusive; null for a lifetime). */
  public record Period(Instant start, Instant end) {}

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The window named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static BudgetWindow of(String name) {
    for (BudgetWindow w : values()) {
      if (w.wireName().equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown window '" + name + "' (daily, weekly, monthly, lifetime)");
  }

  /** The window that holds {@code now}, aligned to the calendar in {@code zone}. */
  public Period periodAt(Instant now, ZoneId zone) {
    if (this == LIFETIME) {
      return new Period(Instant.EPOCH, null);
    }
    // A day whose midnight a daylight-saving change skips starts at its first valid instant.
    ZonedDateTime day = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime start =
        switch (this) {
          case DAILY -> day;
          case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTHLY -> day.withDayOfMonth(1);
          case LIFETIME -> throw new IllegalStateException();
        };
    ZonedDateTime end =
        switch (this) {
          case DAILY -> start.plusDays(1);
          case WEEKLY -> start.plusWeeks(1);
          case MONTHLY -> start.plusMonths(1);
          case LIFETIME -> throw new IllegalStateException();
        };
    return new Period(start.toInstant(), end.toInstant());
  }
}
