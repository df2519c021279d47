package io.agw.model.config.yaml;

/** TCP keepalive probes; every field has agentgateway's default when absent. */
@AgentgatewayDefinition("KeepaliveConfig")
public record TcpKeepaliveYaml(
    Boolean enabled, DurationYaml time, DurationYaml interval, Long retries) {}
