package io.agw.model.config.yaml;

/**
 * A database ({@code config.database}, {@code config.logging.database}): a {@code postgres://} URL
 * is a PostgreSQL server, anything else a SQLite file. Read at startup only.
 */
@AgentgatewayDefinition("Config")
public record DatabaseYaml(String url, Integer maxConnections) {}
