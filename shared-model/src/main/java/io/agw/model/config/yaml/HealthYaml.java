package io.agw.model.config.yaml;

/** When a failing backend endpoint is taken out of the choice ({@code policies.health}). */
@AgentgatewayDefinition("LocalHealthPolicy")
public record HealthYaml(EvictionYaml eviction) {}
