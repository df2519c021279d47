package io.agw.model.config.yaml;

/**
 * OpenAI: {@code model} replaces the client's model when set; {@code moderation} is sent as the
 * inline {@code moderation} parameter of chat completions and Responses requests.
 */
@AgentgatewayDefinition("OpenAIProvider")
public record OpenAiProviderYaml(String model, OpenAiModerationYaml moderation) {}
