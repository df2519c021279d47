package io.agw.model.config.yaml;

/**
 * The {@code config.logging} block; only its {@code database} (the request log store) is supported.
 */
@AgentgatewayDefinition("RawLogging")
public record LoggingYaml(DatabaseYaml database) {}
