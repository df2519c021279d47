package io.agw.model.config.yaml;

/**
 * {@code config.backend}: the defaults of every upstream connection (keepalives, connect timeout,
 * the connection pool). Read at startup only.
 */
@AgentgatewayDefinition("BackendConfig")
public record BackendSettingsYaml(
    KeepaliveYaml keepalives,
    DurationYaml connectTimeout,
    DurationYaml poolIdleTimeout,
    Integer poolMaxSize) {}
