package io.agw.model.config.yaml;

/**
 * The {@code config.logging} block: the request log store ({@code database}), which requests the
 * access log writes ({@code filter}), its fields ({@code fields}) and line format ({@code format}),
 * and the process's log levels ({@code level}).
 */
@AgentgatewayDefinition("RawLogging")
public record LoggingYaml(
    DatabaseYaml database,
    String filter,
    LoggingFieldsYaml fields,
    LogLevelYaml level,
    String format) {}
