package io.agw.gateway.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetWindowTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aDayStartsAtMidnightInTheBudgetsTimeZone() {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin.
    Instant now = Instant.parse("2026-12-31T23:30:00Z");
    assertThat(BudgetWindow.DAILY.periodAt(now, BERLIN))
        .isEqualTo(
            new BudgetWindow.Period(
                Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T23:00:00Z")));
    assertThat(BudgetWindow.DAILY.periodAt(now, ZoneOffset.UTC))
        .isEqualTo(
            new BudgetWindow.Period(
                Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void aDayAcrossADaylightSavingChangeIsTwentyThreeHoursLong() {
    Instant now = Instant.parse("2026-03-29T12:00:00Z");
    BudgetWindow.Period day = BudgetWindow.DAILY.periodAt(now, BERLIN);
    assertThat(day.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
  }

  @Test
  void aWeekStartsOnMonday() {
    // Sunday 6 Dec 2026, 22:00 in New York (Monday 03:00 UTC).
    Instant now = Instant.parse("2026-12-07T03:00:00Z");
    BudgetWindow.Period week = BudgetWindow.WEEKLY.periodAt(now, NEW_YORK);
    assertThat(week.start()).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
    assertThat(week.end()).isEqualTo(Instant.parse("2026-12-07T05:00:00Z"));
    assertThat(BudgetWindow.WEEKLY.periodAt(now, ZoneOffset.UTC).start())
        .isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
  }

  @Test
  void aMonthRunsFromTheFirstToTheFirst() {
    Instant now = Instant.parse("2027-02-15T10:00:00Z");
    BudgetWindow.Period month = BudgetWindow.MONTHLY.periodAt(now, BERLIN);
    assertThat(month.start()).isEqualTo(Instant.parse("2027-01-31T23:00:00Z"));
    assertThat(month.end()).isEqualTo(Instant.parse("2027-02-28T23:00:00Z"));
  }

  @Test
  void aLifetimeNeverEnds() {
    BudgetWindow.Period life =
        BudgetWindow.LIFETIME.periodAt(Instant.parse("2030-01-01T00:00:00Z"), BERLIN);
    assertThat(life.start()).isEqualTo(Instant.EPOCH);
    assertThat(life.end()).isNull();
  }

  @Test
  void unknownWindowsAreRefused() {
    assertThatThrownBy(() -> BudgetWindow.of("hourly"))
        .hasMessageContaining("daily, weekly, monthly, lifetime");
  }
}
