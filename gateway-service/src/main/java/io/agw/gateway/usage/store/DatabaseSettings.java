package io.agw.gateway.usage.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the usage store lives, in agentgateway's terms ({@code config.database}): a {@code
 * postgres://} or {@code postgresql://} URL is a PostgreSQL server, any other value a SQLite file
 * (a path, or {@code sqlite://path}).
 *
 * @param url the configured URL; credentials in it are never logged (see {@link #redacted()})
 * @param maxConnections the pool's size; agentgateway's default is 5
 */
public record DatabaseSettings(String url, int maxConnections) {

  public static final int DEFAULT_MAX_CONNECTIONS = 5;

  public DatabaseSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the database url is empty");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
  }

  public Dialect dialect() {
    return url.startsWith("postgres://") || url.startsWith("postgresql://")
        ? Dialect.POSTGRESQL
        : Dialect.SQLITE;
  }

  /** The SQLite file's path; only for {@link Dialect#SQLITE}. */
  public String sqlitePath() {
    if (url.startsWith("sqlite://")) {
      return url.substring("sqlite://".length());
    }
    if (url.startsWith("sqlite:")) {
      return url.substring("sqlite:".length());
    }
    return url;
  }

  /** The JDBC URL, without the user's name and password (see {@link #user()}). */
  public String jdbcUrl() {
    if (dialect() == Dialect.SQLITE) {
      return "jdbc:sqlite:" + sqlitePath();
    }
    URI uri = URI.create(url);
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return jdbc.toString();
  }

  /** The user name in a PostgreSQL URL, or null. */
  public String user() {
    String info = dialect() == Dialect.POSTGRESQL ? URI.create(url).getRawUserInfo() : null;
    if (info == null) {
      return null;
    }
    int colon = info.indexOf(':');
    return decode(colon < 0 ? info : info.substring(0, colon));
  }

  /** The password in a PostgreSQL URL, or null. */
  public String password() {
    String info = dialect() == Dialect.POSTGRESQL ? URI.create(url).getRawUserInfo() : null;
    int colon = info == null ? -1 : info.indexOf(':');
    return colon < 0 ? null : decode(info.substring(colon + 1));
  }

  /** The URL with any password replaced, for logs and error messages. */
  public String redacted() {
    if (dialect() == Dialect.SQLITE || password() == null) {
      return url;
    }
    URI uri = URI.create(url);
    return url.replace(uri.getRawUserInfo(), uri.getRawUserInfo().split(":", 2)[0] + ":****");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + redacted() + ", maxConnections=" + maxConnections + "]";
  }
}
