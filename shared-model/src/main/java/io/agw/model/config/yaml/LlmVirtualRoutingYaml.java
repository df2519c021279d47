package io.agw.model.config.yaml;

/** How a virtual model picks its target: exactly one of {@code weighted} and {@code failover}. */
@AgentgatewayDefinition("LocalLLMVirtualModelRouting")
public record LlmVirtualRoutingYaml(LlmWeightedYaml weighted, LlmFailoverYaml failover) {}
