package io.agw.model.config.yaml;

/**
 * A model name of the {@code llm} shorthand that is served by other models: chosen by weight, or by
 * priority with failover.
 */
@AgentgatewayDefinition("LocalLLMVirtualModel")
public record LlmVirtualModelYaml(String name, LlmVirtualRoutingYaml routing) {}
