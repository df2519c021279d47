package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /model/{modelId}/converse} and {@code /converse-stream}. The model is in the
 * path, not the body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseRequest(
    List<BedrockMessage> messages,
    List<BedrockContent> system,
    InferenceConfig inferenceConfig,
    ToolConfig toolConfig,
    JsonNode additionalModelRequestFields,
    JsonNode outputConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Sampling and length settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InferenceConfig(
      Integer maxTokens, Double temperature, Double topP, List<String> stopSequences) {}

  /** The tools offered and how the model may choose among them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolConfig(List<BedrockTool> tools, JsonNode toolChoice) {}
}
