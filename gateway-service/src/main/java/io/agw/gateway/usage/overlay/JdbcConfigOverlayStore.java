package io.agw.gateway.usage.overlay;

import io.agw.gateway.config.ConfigOverlayStore;
import io.agw.gateway.usage.store.Dialect;
import io.agw.gateway.usage.store.StoreNotOpenException;
import io.agw.gateway.usage.store.UsageDatabase;
import io.agw.gateway.usage.store.UsageStore;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The overlay's revisions in the table {@code config_overlay} of the usage store's database (SQLite
 * or PostgreSQL). Throws {@link StoreNotOpenException} while the store is not open, and Spring's
 * {@code DataAccessException} when the database fails. Thread-safe.
 */
final class JdbcConfigOverlayStore implements ConfigOverlayStore {

  private final UsageStore store;
  private final Clock clock;

  JdbcConfigOverlayStore(UsageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private UsageDatabase database() {
    return store.database().orElseThrow(StoreNotOpenException::new);
  }

  @Override
  public Optional<Overlay> latest() {
    List<Overlay> rows =
        database()
            .jdbc()
            .query(
                "SELECT revision, yaml, saved_at FROM config_overlay"
                    + " ORDER BY revision DESC LIMIT 1",
                (rs, i) ->
                    new Overlay(
                        rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
    return rows.stream().findFirst();
  }

  @Override
  public Overlay save(String yaml) {
    Instant now = clock.instant();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    UsageDatabase database = database();
    boolean sqlite = database.dialect() == Dialect.SQLITE;
    database
        .jdbc()
        .update(
            connection -> {
              String sql = "INSERT INTO config_overlay (yaml, saved_at) VALUES (?, ?)";
              // SQLite reports the row id; PostgreSQL would return every column unless named.
              PreparedStatement insert =
                  sqlite
                      ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                      : connection.prepareStatement(sql, new String[] {"revision"});
              if (yaml == null) {
                insert.setNull(1, Types.VARCHAR);
              } else {
                insert.setString(1, yaml);
              }
              insert.setLong(2, now.toEpochMilli());
              return insert;
            },
            keys);
    Number revision = keys.getKey();
    if (revision == null) {
      throw new IllegalStateException("the database returned no revision for the overlay");
    }
    return new Overlay(revision.longValue(), yaml, now);
  }

  @Override
  public void discard(long revision) {
    database().jdbc().update("DELETE FROM config_overlay WHERE revision = ?", revision);
  }
}
