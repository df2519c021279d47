package io.agw.model.config.yaml;

/** {@code frontendPolicies.accessLog}; only its {@code database} settings are supported. */
@AgentgatewayDefinition("LoggingPolicy")
public record AccessLogYaml(DatabaseLoggingYaml database) {}
