package io.agw.model.config.yaml;

/**
 * When a failing backend endpoint is taken out of the choice ({@code policies.health}): {@code
 * unhealthyExpression} (CEL over a response) says which answers are failures, {@code eviction} for
 * how long.
 */
@AgentgatewayDefinition("LocalHealthPolicy")
public record HealthYaml(String unhealthyExpression, EvictionYaml eviction) {}
