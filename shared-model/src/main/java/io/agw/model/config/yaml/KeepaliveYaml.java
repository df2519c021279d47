package io.agw.model.config.yaml;

/** {@code config.backend.keepalives}: TCP keepalive probes on upstream connections. */
@AgentgatewayDefinition("KeepaliveConfig")
public record KeepaliveYaml(
    Boolean enabled, DurationYaml time, DurationYaml interval, Integer retries) {}
