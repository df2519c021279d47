package io.agw.gateway.usage.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A question to the usage store: the sums (requests, tokens by kind, cost) of the records in {@code
 * [from, to)} that match every filter, grouped by the given dimensions. Day, hour and minute
 * buckets are calendar days, hours and minutes in {@code timeZone}, daylight-saving changes
 * included.
 *
 * @param groupBy the dimensions of each row, in order; empty for one row of totals
 * @param from the first instant counted
 * @param to the first instant not counted
 * @param filters exact values some dimensions must have (never a time bucket: {@link
 *     Dimension#DAY}, {@link Dimension#HOUR}, {@link Dimension#MINUTE})
 * @param timeZone the zone of day and hour buckets
 */
public record SpendQuery(
    List<Dimension> groupBy,
    Instant from,
    Instant to,
    Map<Dimension, String> filters,
    ZoneId timeZone) {

  /** The range of a query that names none: the last 30 days. */
  public static final Duration DEFAULT_RANGE = Duration.ofDays(30);

  public SpendQuery {
    groupBy = List.copyOf(groupBy);
    filters = Map.copyOf(filters);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(timeZone, "timeZone");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (filters.keySet().stream().anyMatch(d -> d.column() == null)) {
      throw new IllegalArgumentException("filter on a time range with 'from' and 'to'");
    }
  }

  /** What records can be grouped and filtered by. */
  public enum Dimension {
    KEY("key_id"),
    TEAM("team"),
    USER("user_id"),
    /** The model the client asked for. */
    MODEL("request_model"),
    PROVIDER("provider"),
    ROUTE("route"),
    /** The calendar day, {@code 2026-12-07}. */
    DAY(null),
    /** The hour, {@code 2026-12-07T13:00}. */
    HOUR(null),
    /** The minute, {@code 2026-12-07T13:05}. */
    MINUTE(null);

    private final String column;

    Dimension(String column) {
      this.column = column;
    }

    /** The column holding the dimension, or null for a time bucket. */
    String column() {
      return column;
    }

    /** The name used in the API ({@code key}, {@code team}, ...). */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension named {@code name} in the API. */
    public static Dimension of(String name) {
      for (Dimension d : values()) {
        if (d.apiName().equals(name.trim())) {
          return d;
        }
      }
      throw new IllegalArgumentException(
          "unknown dimension '"
              + name
              + "'; use key, team, user, model, provider, route, day, hour, minute");
    }
  }
}
