package io.agw.model.config.yaml;

/** OpenAI: {@code model} replaces the client's model when set. */
@AgentgatewayDefinition("OpenAIProvider")
public record OpenAiProviderYaml(String model) {}
