package io.agw.gateway.usage.keys;

import io.agw.gateway.usage.store.UsageDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code virtual_keys} table (migration {@code V2__virtual_keys}), the same SQL on SQLite and
 * PostgreSQL. Times are stored as epoch milliseconds, lists as JSON text. Blocking: call it off the
 * event loop. While the store is not available every call fails with a {@code DataAccessException}
 * (the admin API answers 503, the cache keeps what it has). Thread-safe.
 */
final class VirtualKeyRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, name, secret_hash, secret_prefix, previous_hash, previous_expires_at, team, user_name,"
          + " tags, allowed_models, requests_per_minute, tokens_per_minute, expires_at,"
          + " created_at, updated_at, revoked_at";

  private static final RowMapper<VirtualKey> ROW = VirtualKeyRepository::read;

  private final Supplier<UsageDatabase> database;

  /**
   * @param database the open database; throws a {@link org.springframework.dao.DataAccessException}
   *     while the store is not available
   */
  VirtualKeyRepository(Supplier<UsageDatabase> database) {
    this.database = database;
  }

  private JdbcTemplate jdbc() {
    return database.get().jdbc();
  }

  void insert(VirtualKey key) {
    jdbc()
        .update(
            "INSERT INTO virtual_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            values(key));
  }

  /** Replaces every column of the row {@code key.id()} but the id and creation time. */
  void update(VirtualKey key) {
    Object[] all = values(key);
    Object[] args = new Object[all.length - 1];
    System.arraycopy(all, 1, args, 0, 12);
    args[12] = all[14];
    args[13] = all[15];
    args[14] = key.id();
    jdbc()
        .update(
            "UPDATE virtual_keys SET name = ?, secret_hash = ?, secret_prefix = ?,"
                + " previous_hash = ?, previous_expires_at = ?, team = ?, user_name = ?, tags = ?,"
                + " allowed_models = ?, requests_per_minute = ?, tokens_per_minute = ?,"
                + " expires_at = ?, updated_at = ?, revoked_at = ? WHERE id = ?",
            args);
  }

  Optional<VirtualKey> find(String id) {
    return jdbc().query("SELECT " + COLUMNS + " FROM virtual_keys WHERE id = ?", ROW, id).stream()
        .findFirst();
  }

  /** Keys of {@code team} and {@code user} (null: any), oldest first. */
  List<VirtualKey> list(String team, String user) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM virtual_keys WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (team != null) {
      sql.append(" AND team = ?");
      args.add(team);
    }
    if (user != null) {
      sql.append(" AND user_name = ?");
      args.add(user);
    }
    sql.append(" ORDER BY created_at, id");
    return jdbc().query(sql.toString(), ROW, args.toArray());
  }

  /** Every key, revoked ones included. */
  List<VirtualKey> all() {
    return jdbc().query("SELECT " + COLUMNS + " FROM virtual_keys", ROW);
  }

  /** Keys whose {@code updated_at} is after {@code since}. */
  List<VirtualKey> changedAfter(Instant since) {
    return jdbc()
        .query(
            "SELECT " + COLUMNS + " FROM virtual_keys WHERE updated_at > ?",
            ROW,
            since.toEpochMilli());
  }

  private static Object[] values(VirtualKey k) {
    return new Object[] {
      k.id(),
      k.name(),
      k.secretHash(),
      k.secretPrefix(),
      k.previousHash(),
      millis(k.previousExpiresAt()),
      k.team(),
      k.user(),
      JSON.writeValueAsString(k.tags()),
      k.allowedModels() == null ? null : JSON.writeValueAsString(k.allowedModels()),
      k.requestsPerMinute(),
      k.tokensPerMinute(),
      millis(k.expiresAt()),
      millis(k.createdAt()),
      millis(k.updatedAt()),
      millis(k.revokedAt())
    };
  }

  private static VirtualKey read(ResultSet rs, int row) throws SQLException {
    String models = rs.getString("allowed_models");
    return new VirtualKey(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("secret_hash"),
        rs.getString("secret_prefix"),
        rs.getString("previous_hash"),
        instant(rs, "previous_expires_at"),
        rs.getString("team"),
        rs.getString("user_name"),
        List.copyOf(JSON.readValue(rs.getString("tags"), STRINGS)),
        models == null ? null : List.copyOf(JSON.readValue(models, STRINGS)),
        number(rs, "requests_per_minute"),
        number(rs, "tokens_per_minute"),
        instant(rs, "expires_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "revoked_at"));
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Long number(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Long millis = number(rs, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
