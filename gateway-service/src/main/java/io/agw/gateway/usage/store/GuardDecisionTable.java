package io.agw.gateway.usage.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the table {@code guard_decisions} ({@code V5__guard_decisions.sql}): batch inserts,
 * counts per time bucket, purges. The same statements serve SQLite and PostgreSQL. Stateless.
 */
final class GuardDecisionTable {

  private static final String INSERT =
      "INSERT INTO guard_decisions (ts, guard, kind, action, phase, route, key_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private GuardDecisionTable() {}

  static void insert(JdbcTemplate jdbc, List<GuardDecisionRow> rows) {
    jdbc.batchUpdate(
        INSERT,
        rows,
        rows.size(),
        (ps, d) -> {
          ps.setLong(1, d.time().toEpochMilli());
          ps.setString(2, d.guard());
          ps.setString(3, d.kind());
          ps.setString(4, d.action());
          ps.setString(5, d.phase());
          ps.setString(6, d.route());
          ps.setString(7, d.key());
        });
  }

  /** A time bucket of {@link #counts}: its length and the label of its start. */
  enum Bucket {
    MINUTE(60_000L, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")),
    HOUR(3_600_000L, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00")),
    DAY(86_400_000L, null);

    private final long millis;
    private final DateTimeFormatter label;

    Bucket(long millis, DateTimeFormatter label) {
      this.millis = millis;
      this.label = label;
    }

    long millis() {
      return millis;
    }

    /** The bucket's label from its number (local epoch milliseconds / length). */
    String label(long number) {
      if (this == DAY) {
        return LocalDate.ofEpochDay(number).toString();
      }
      long seconds = number * (millis / 1000);
      return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(label);
    }
  }

  /** One row of {@link #counts}. */
  record Count(String time, String guard, String action, String phase, long count) {}

  /**
   * Decisions in {@code [from, to)} counted by bucket (local to the zone whose offset SQL {@code
   * offset} computes), guard, action and phase, oldest bucket first.
   *
   * @param guard only this guard, or null
   * @param action only this action, or null
   */
  static List<Count> counts(
      JdbcTemplate jdbc,
      Instant from,
      Instant to,
      Bucket bucket,
      String offset,
      String guard,
      String action) {
    StringBuilder sql =
        new StringBuilder("SELECT ((ts + ")
            .append(offset)
            .append(") / ")
            .append(bucket.millis)
            .append(
                "), guard, action, phase, COUNT(*) FROM guard_decisions WHERE ts >= ? AND ts < ?");
    List<Object> args = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
    if (guard != null) {
      sql.append(" AND guard = ?");
      args.add(guard);
    }
    if (action != null) {
      sql.append(" AND action = ?");
      args.add(action);
    }
    sql.append(" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
    return jdbc.query(
        sql.toString(),
        (rs, n) ->
            new Count(
                bucket.label(rs.getLong(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5)),
        args.toArray());
  }

  /** Deletes up to {@code batch} decisions older than {@code cutoff}; returns how many went. */
  static int purge(JdbcTemplate jdbc, Instant cutoff, int batch) {
    // No key to pick a batch by: delete the oldest timestamps, a batch's worth at a time.
    return jdbc.update(
        "DELETE FROM guard_decisions WHERE ts < ? AND ts <= (SELECT MAX(ts) FROM (SELECT ts FROM"
            + " guard_decisions WHERE ts < ? ORDER BY ts LIMIT ?) oldest)",
        cutoff.toEpochMilli(),
        cutoff.toEpochMilli(),
        batch);
  }
}
