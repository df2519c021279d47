package io.agw.model.config.yaml;

/**
 * {@code config.session}: the AES-256-GCM key (64 hex digits, e.g. {@code openssl rand -hex 32})
 * that protects the gateway's session cookies.
 */
@AgentgatewayDefinition("RawSession")
public record SessionYaml(String key) {}
