package io.agw.model.config.yaml;

/**
 * Azure Content Safety's jailbreak detection; {@code apiVersion} defaults to 2024-02-15-preview.
 */
@AgentgatewayDefinition("DetectJailbreakConfig")
public record DetectJailbreakYaml(String apiVersion) {}
