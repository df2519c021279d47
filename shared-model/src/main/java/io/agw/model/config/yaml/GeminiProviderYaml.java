package io.agw.model.config.yaml;

/** Google Gemini (AI Studio): {@code model} replaces the client's model when set. */
@AgentgatewayDefinition("GeminiProvider")
public record GeminiProviderYaml(String model) {}
