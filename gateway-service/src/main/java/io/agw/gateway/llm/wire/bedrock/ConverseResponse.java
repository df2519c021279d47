package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of a successful Converse response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseResponse(
    Output output,
    String stopReason,
    BedrockUsage usage,
    JsonNode metrics,
    JsonNode additionalModelResponseFields,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** The output union; only {@code message} exists today. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Output(BedrockMessage message) {}
}
