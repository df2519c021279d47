package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store opens and migrates a real SQLite file and a real PostgreSQL server. */
class UsageDatabaseTest {

  @Test
  void opensAndMigratesASqliteFileInANewDirectory() throws Exception {
    Path file = Files.createTempDirectory("agw-usage").resolve("nested/agw.db");
    try (UsageDatabase db = UsageDatabase.open(new DatabaseSettings("sqlite:" + file, 2))) {
      assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(db.jdbc().queryForObject("select count(*) from agw_schema_history", Long.class))
          .isNotNull();
    }
    assertThat(file).exists();
  }

  @Test
  void opensAndMigratesPostgresAndSurvivesARestart() throws Exception {
    try (PostgresServer server = new PostgresServer().start()) {
      DatabaseSettings settings = new DatabaseSettings(server.url(), 2);
      try (UsageDatabase db = UsageDatabase.open(settings)) {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
        db.jdbc().execute("create table restart_probe (v int)");
        db.jdbc().update("insert into restart_probe values (42)");
      }
      server.stop();
      server.start();
      try (UsageDatabase db = UsageDatabase.open(settings)) {
        assertThat(db.jdbc().queryForObject("select v from restart_probe", Integer.class))
            .isEqualTo(42);
      }
    }
  }

  @Test
  void postgresUrlsBecomeJdbcUrlsWithoutTheirCredentials() {
    DatabaseSettings settings =
        new DatabaseSettings("postgresql://app:s%3Acret@db.internal:5433/usage?sslmode=require", 5);
    assertThat(settings.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5433/usage?sslmode=require");
    assertThat(settings.user()).isEqualTo("app");
    assertThat(settings.password()).isEqualTo("s:cret");
    assertThat(settings.redacted()).doesNotContain("s%3Acret").contains("app:****@db.internal");
    assertThat(settings.toString()).doesNotContain("cret");
  }
}
