package io.agw.model.config.yaml;

/**
 * {@code config.storage}: where configuration changed through the admin API is kept ({@code mode}:
 * {@code file}, the default; {@code hybrid}; {@code readOnly}).
 */
@AgentgatewayDefinition("RawStorageConfig")
public record StorageYaml(String mode) {}
