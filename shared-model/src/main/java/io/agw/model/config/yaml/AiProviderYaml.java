package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The provider kind: exactly one of {@code openAI}, {@code anthropic}, {@code azure}, {@code
 * bedrock}, {@code copilot}. Other kinds agentgateway knows (gemini, vertex, custom) are refused as
 * not supported yet.
 */
@AgentgatewayDefinition("AIProvider")
public record AiProviderYaml(
    @JsonProperty("openAI") OpenAiProviderYaml openAi,
    AnthropicProviderYaml anthropic,
    AzureProviderYaml azure,
    BedrockProviderYaml bedrock,
    CopilotProviderYaml copilot) {}
