package io.agw.gateway.usage.store;

import io.agw.gateway.usage.store.SpendQuery.Dimension;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers {@link SpendQuery}s with one SQL statement that SQLite and PostgreSQL both run. Day and
 * hour buckets are computed on the record's time shifted by its zone's UTC offset at that instant
 * (a {@code CASE} over the zone's offset changes within the range), so daylight-saving time is
 * right on both databases without either's time-zone support. Stateless.
 */
public final class SpendQueries {

  private static final long MINUTE_MS = 60_000L;
  private static final long HOUR_MS = 60 * MINUTE_MS;
  private static final long DAY_MS = 24 * HOUR_MS;
  private static final DateTimeFormatter HOUR_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");
  private static final DateTimeFormatter MINUTE_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final UsageDatabase database;

  public SpendQueries(UsageDatabase database) {
    this.database = database;
  }

  /** The rows of {@code query}, ordered by their group. */
  public List<SpendRow> run(SpendQuery query) {
    List<String> select = new ArrayList<>();
    for (Dimension d : query.groupBy()) {
      select.add(expression(d, query));
    }
    int dims = select.size();
    select.add("COUNT(*)");
    for (String column :
        List.of(
            "input_tokens",
            "output_tokens",
            "cached_input_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "total_tokens",
            "cost_usd")) {
      select.add("SUM(" + column + ")");
    }
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", select))
            .append(" FROM usage_records WHERE ts >= ? AND ts < ?");
    List<Object> args = new ArrayList<>();
    args.add(query.from().toEpochMilli());
    args.add(query.to().toEpochMilli());
    query.filters().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            filter -> {
              sql.append(" AND ").append(filter.getKey().column()).append(" = ?");
              args.add(filter.getValue());
            });
    if (dims > 0) {
      StringBuilder positions = new StringBuilder();
      for (int i = 1; i <= dims; i++) {
        positions.append(i == 1 ? "" : ", ").append(i);
      }
      sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
    }
    return database.jdbc().query(sql.toString(), (rs, n) -> row(rs, query), args.toArray());
  }

  private static String expression(Dimension d, SpendQuery query) {
    return switch (d) {
      case DAY -> "((ts + " + offset(query) + ") / " + DAY_MS + ")";
      case HOUR -> "((ts + " + offset(query) + ") / " + HOUR_MS + ")";
      case MINUTE -> "((ts + " + offset(query) + ") / " + MINUTE_MS + ")";
      default -> d.column();
    };
  }

  /** The zone's offset in milliseconds at the record's time, as SQL over the column {@code ts}. */
  static String offset(SpendQuery query) {
    ZoneRules rules = query.timeZone().getRules();
    ZoneOffset first = rules.getOffset(query.from());
    StringBuilder cases = new StringBuilder();
    Instant at = query.from();
    ZoneOffset current = first;
    ZoneOffsetTransition next;
    while ((next = rules.nextTransition(at)) != null && next.getInstant().isBefore(query.to())) {
      cases
          .append(" WHEN ts < ")
          .append(next.getInstant().toEpochMilli())
          .append(" THEN ")
          .append(current.getTotalSeconds() * 1000L);
      current = next.getOffsetAfter();
      at = next.getInstant();
    }
    long last = current.getTotalSeconds() * 1000L;
    return cases.isEmpty() ? Long.toString(last) : "(CASE" + cases + " ELSE " + last + " END)";
  }

  private static SpendRow row(ResultSet rs, SpendQuery query) throws SQLException {
    Map<String, String> group = new LinkedHashMap<>();
    int column = 1;
    for (Dimension d : query.groupBy()) {
      String value =
          switch (d) {
            case DAY -> LocalDate.ofEpochDay(rs.getLong(column)).toString();
            case HOUR ->
                LocalDateTime.ofEpochSecond(rs.getLong(column) * 3600, 0, ZoneOffset.UTC)
                    .format(HOUR_LABEL);
            case MINUTE ->
                LocalDateTime.ofEpochSecond(rs.getLong(column) * 60, 0, ZoneOffset.UTC)
                    .format(MINUTE_LABEL);
            default -> rs.getString(column);
          };
      group.put(d.apiName(), value);
      column++;
    }
    long requests = rs.getLong(column++);
    long input = rs.getLong(column++);
    long output = rs.getLong(column++);
    long cached = rs.getLong(column++);
    long cacheWrite = rs.getLong(column++);
    long reasoning = rs.getLong(column++);
    long total = rs.getLong(column++);
    double cost = rs.getDouble(column);
    Double costUsd = rs.wasNull() ? null : cost;
    return new SpendRow(
        group, requests, input, output, cached, cacheWrite, reasoning, total, costUsd);
  }
}
