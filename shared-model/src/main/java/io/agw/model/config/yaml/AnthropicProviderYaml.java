package io.agw.model.config.yaml;

/** Anthropic: {@code model} replaces the client's model when set. */
@AgentgatewayDefinition("AnthropicProvider")
public record AnthropicProviderYaml(String model) {}
