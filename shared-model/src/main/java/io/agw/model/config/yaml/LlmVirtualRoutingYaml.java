package io.agw.model.config.yaml;

/**
 * How a virtual model picks its target: exactly one of {@code weighted}, {@code failover} and
 * {@code conditional}.
 */
@AgentgatewayDefinition("LocalLLMVirtualModelRouting")
public record LlmVirtualRoutingYaml(
    LlmWeightedYaml weighted, LlmFailoverYaml failover, LlmConditionalYaml conditional) {}
