package io.agw.model.config.yaml;

/**
 * Where mirrored requests go: {@code host} ({@code host:port}). agentgateway's other forms ({@code
 * backend}, {@code service}) are refused as not supported yet.
 */
@AgentgatewayDefinition("SimpleLocalBackendSerde")
public record MirrorBackendYaml(String host) {}
