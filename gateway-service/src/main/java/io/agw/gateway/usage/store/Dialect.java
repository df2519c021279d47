package io.agw.gateway.usage.store;

/** The SQL database behind the usage store; decides the migrations and the dialect of queries. */
public enum Dialect {
  /** An embedded SQLite file: one gateway process. */
  SQLITE,
  /** A PostgreSQL server: shared by every replica. */
  POSTGRESQL;

  /** The classpath folder of this dialect's Flyway migrations. */
  public String migrations() {
    return "classpath:db/usage/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
