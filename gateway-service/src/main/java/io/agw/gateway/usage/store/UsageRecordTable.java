package io.agw.gateway.usage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the tables {@code usage_records} and {@code usage_payloads} ({@code
 * V1__usage_records.sql}): batch inserts, recent rows, purges. The same statements serve SQLite and
 * PostgreSQL. Stateless.
 */
final class UsageRecordTable {

  static final String COLUMNS =
      "id, ts, key_id, user_id, team, route, provider, request_model, response_model, streamed,"
          + " input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,"
          + " reasoning_tokens, total_tokens, cost_usd, cost_source, latency_ms, ttft_ms, status,"
          + " error, guardrail, trace_id";

  private static final String INSERT =
      "INSERT INTO usage_records ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_PAYLOAD =
      "INSERT INTO usage_payloads (record_id, prompt, completion) VALUES (?, ?, ?)";

  private UsageRecordTable() {}

  /** Inserts {@code records} (and their content) in one transaction per table. */
  static void insert(JdbcTemplate jdbc, List<UsageRecord> records) {
    jdbc.batchUpdate(INSERT, records, records.size(), UsageRecordTable::bind);
    List<UsageRecord> withContent = records.stream().filter(UsageRecord::hasContent).toList();
    if (!withContent.isEmpty()) {
      jdbc.batchUpdate(
          INSERT_PAYLOAD,
          withContent,
          withContent.size(),
          (ps, r) -> {
            ps.setString(1, r.id());
            ps.setString(2, r.prompt());
            ps.setString(3, r.completion());
          });
    }
  }

  private static void bind(PreparedStatement ps, UsageRecord r) throws SQLException {
    ps.setString(1, r.id());
    ps.setLong(2, r.time().toEpochMilli());
    ps.setString(3, r.key());
    ps.setString(4, r.user());
    ps.setString(5, r.team());
    ps.setString(6, r.route());
    ps.setString(7, r.provider());
    ps.setString(8, r.requestModel());
    ps.setString(9, r.responseModel());
    ps.setInt(10, r.streamed() ? 1 : 0);
    UsageRecord.Tokens t = r.tokens();
    setLong(ps, 11, t.input());
    setLong(ps, 12, t.output());
    setLong(ps, 13, t.cachedInput());
    setLong(ps, 14, t.cacheWrite());
    setLong(ps, 15, t.reasoning());
    setLong(ps, 16, t.total());
    setDouble(ps, 17, r.costUsd());
    ps.setString(18, r.costSource());
    ps.setDouble(19, r.latencyMs());
    setDouble(ps, 20, r.timeToFirstTokenMs());
    ps.setInt(21, r.status());
    ps.setString(22, r.error());
    ps.setString(23, r.guardrail());
    ps.setString(24, r.traceId());
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  /** Up to {@code limit} records, newest first, older than the cursor when one is given. */
  static List<UsageRecord> recent(
      JdbcTemplate jdbc, int limit, Instant beforeTime, String beforeId) {
    RecordQuery.Cursor cursor =
        beforeTime == null ? null : new RecordQuery.Cursor(beforeTime.toEpochMilli(), beforeId);
    return recent(jdbc, new RecordQuery(limit, RecordQuery.Order.TIME, false, cursor));
  }

  /**
   * Up to {@code query.limit()} records in the query's order (newest or slowest first), past its
   * cursor when one is given, only the failed ones when asked; with their content when stored.
   */
  static List<UsageRecord> recent(JdbcTemplate jdbc, RecordQuery query) {
    String select =
        "SELECT r.id, r.ts, r.key_id, r.user_id, r.team, r.route, r.provider, r.request_model,"
            + " r.response_model, r.streamed, r.input_tokens, r.output_tokens,"
            + " r.cached_input_tokens, r.cache_write_tokens, r.reasoning_tokens, r.total_tokens,"
            + " r.cost_usd, r.cost_source, r.latency_ms, r.ttft_ms, r.status, r.error,"
            + " r.guardrail, r.trace_id, p.prompt, p.completion"
            + " FROM usage_records r LEFT JOIN usage_payloads p ON p.record_id = r.id";
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (query.failed()) {
      where.add("(r.status >= 400 OR r.error IS NOT NULL)");
    }
    String column = query.order() == RecordQuery.Order.TIME ? "r.ts" : "r.latency_ms";
    RecordQuery.Cursor cursor = query.before();
    if (cursor != null) {
      // The same ties-broken-by-id order as ORDER BY, so no row is skipped or repeated.
      where.add("(" + column + " < ? OR (" + column + " = ? AND r.id < ?))");
      args.add(cursor.value());
      args.add(cursor.value());
      args.add(cursor.id());
    }
    if (!where.isEmpty()) {
      select += " WHERE " + String.join(" AND ", where);
    }
    select += " ORDER BY " + column + " DESC, r.id DESC LIMIT ?";
    args.add(query.limit());
    return jdbc.query(select, (rs, n) -> read(rs), args.toArray());
  }

  private static UsageRecord read(ResultSet rs) throws SQLException {
    return new UsageRecord(
        rs.getString(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getInt(10) != 0,
        new UsageRecord.Tokens(
            getLong(rs, 11),
            getLong(rs, 12),
            getLong(rs, 13),
            getLong(rs, 14),
            getLong(rs, 15),
            getLong(rs, 16)),
        getDouble(rs, 17),
        rs.getString(18),
        rs.getDouble(19),
        getDouble(rs, 20),
        rs.getInt(21),
        rs.getString(22),
        rs.getString(23),
        rs.getString(24),
        rs.getString(25),
        rs.getString(26));
  }

  private static Long getLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  private static Double getDouble(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }

  /**
   * Deletes up to {@code batch} records older than {@code cutoff} with their content; returns how
   * many records went.
   */
  static int purge(JdbcTemplate jdbc, Instant cutoff, int batch) {
    long ts = cutoff.toEpochMilli();
    String oldest = "SELECT id FROM usage_records WHERE ts < ? ORDER BY ts LIMIT ?";
    // SQLite does not enforce the foreign key's cascade unless asked per connection: delete the
    // content explicitly, first.
    jdbc.update("DELETE FROM usage_payloads WHERE record_id IN (" + oldest + ")", ts, batch);
    return jdbc.update("DELETE FROM usage_records WHERE id IN (" + oldest + ")", ts, batch);
  }
}
