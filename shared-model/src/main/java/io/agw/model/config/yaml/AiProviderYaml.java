package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The provider kind: exactly one of {@code openAI}, {@code anthropic}, {@code azure}, {@code
 * gemini}, {@code vertex}, {@code custom}, {@code bedrock}, {@code copilot}, or a preset of an
 * OpenAI-compatible provider ({@code groq}).
 */
@AgentgatewayDefinition("AIProvider")
public record AiProviderYaml(
    @JsonProperty("openAI") OpenAiProviderYaml openAi,
    AnthropicProviderYaml anthropic,
    AzureProviderYaml azure,
    GeminiProviderYaml gemini,
    VertexProviderYaml vertex,
    CustomProviderYaml custom,
    BedrockProviderYaml bedrock,
    CopilotProviderYaml copilot,
    GroqProviderYaml groq) {

  /** One of the kinds before the presets. */
  public AiProviderYaml(
      OpenAiProviderYaml openAi,
      AnthropicProviderYaml anthropic,
      AzureProviderYaml azure,
      GeminiProviderYaml gemini,
      VertexProviderYaml vertex,
      CustomProviderYaml custom,
      BedrockProviderYaml bedrock,
      CopilotProviderYaml copilot) {
    this(openAi, anthropic, azure, gemini, vertex, custom, bedrock, copilot, null);
  }

  /** One of the first three kinds (the constructor before the other kinds existed). */
  public AiProviderYaml(
      OpenAiProviderYaml openAi, AnthropicProviderYaml anthropic, AzureProviderYaml azure) {
    this(openAi, anthropic, azure, null, null, null, null, null, null);
  }
}
