package io.agw.model.config.yaml;

/** The top-level {@code config} block. */
@AgentgatewayDefinition("RawConfig")
public record SettingsYaml(
    String gateway, String namespace, DatabaseYaml database, LoggingYaml logging) {}
