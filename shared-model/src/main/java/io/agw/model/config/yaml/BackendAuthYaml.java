package io.agw.model.config.yaml;

/**
 * Credentials for a backend. Only {@code key} is supported: {@code key: <secret>} or {@code key:
 * {value: <secret>}}, where a secret is a string (a value, or {@code $NAME} for an environment
 * variable) or {@code {file: path}}.
 */
@AgentgatewayDefinition({"BackendAuthCompat", "BackendAuth"})
public record BackendAuthYaml(SecretKeyYaml key) {}
