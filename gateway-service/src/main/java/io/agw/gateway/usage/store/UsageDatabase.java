package io.agw.gateway.usage.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The usage store's database: a connection pool, the dialect, and a schema that Flyway has brought
 * up to date before anything uses it. Opening fails when the database cannot be reached or
 * migrated; {@link UsageStore} opens it in the background and retries. Thread-safe.
 */
public final class UsageDatabase implements AutoCloseable {

  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;
  private final JdbcTemplate jdbc;

  private UsageDatabase(DatabaseSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Opens the pool and migrates the schema. */
  public static UsageDatabase open(DatabaseSettings settings) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("agw-usage");
    pool.setJdbcUrl(settings.jdbcUrl());
    pool.setMaximumPoolSize(settings.maxConnections());
    pool.setMinimumIdle(1);
    // A database that is down must not hold a caller (the writer thread, an admin call) for
    // Hikari's default 30 s.
    pool.setConnectionTimeout(5_000);
    // One try: UsageStore retries with its own backoff.
    pool.setInitializationFailTimeout(1);
    if (settings.dialect() == Dialect.SQLITE) {
      createParent(settings.sqlitePath());
      // Readers do not block the one writer; a writer waits for another instead of failing.
      pool.setConnectionInitSql("PRAGMA busy_timeout = 5000");
      pool.addDataSourceProperty("journal_mode", "WAL");
      pool.addDataSourceProperty("synchronous", "NORMAL");
    } else {
      pool.setUsername(settings.user());
      pool.setPassword(settings.password());
      // One INSERT of many rows per batch instead of one statement per row.
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource dataSource = new HikariDataSource(pool);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(settings.dialect().migrations())
          .table("agw_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new UsageDatabase(settings, dataSource);
  }

  private static void createParent(String path) {
    if (path.startsWith(":memory:") || path.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the database " + path, e);
    }
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Dialect dialect() {
    return settings.dialect();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  @Override
  public String toString() {
    return "UsageDatabase[" + settings.redacted() + "]";
  }
}
