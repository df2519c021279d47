package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The provider kind: exactly one of {@code openAI}, {@code anthropic}, {@code azure}, {@code
 * gemini}, {@code vertex}, {@code custom}. Other kinds agentgateway knows (bedrock, copilot) are
 * refused as not supported yet.
 */
@AgentgatewayDefinition("AIProvider")
public record AiProviderYaml(
    @JsonProperty("openAI") OpenAiProviderYaml openAi,
    AnthropicProviderYaml anthropic,
    AzureProviderYaml azure,
    GeminiProviderYaml gemini,
    VertexProviderYaml vertex,
    CustomProviderYaml custom) {

  /** One of the first three kinds (the constructor before Gemini, Vertex and custom existed). */
  public AiProviderYaml(
      OpenAiProviderYaml openAi, AnthropicProviderYaml anthropic, AzureProviderYaml azure) {
    this(openAi, anthropic, azure, null, null, null);
  }
}
