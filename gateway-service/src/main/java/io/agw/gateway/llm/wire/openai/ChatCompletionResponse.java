package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A non-streamed chat completion ({@code object} {@code chat.completion}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionResponse(
    String id,
    String object,
    Long created,
    String model,
    List<Choice> choices,
    ChatUsage usage,
    @JsonProperty("service_tier") String serviceTier,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** One generated alternative. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Choice(
      Integer index,
      ChatMessage message,
      @JsonProperty("finish_reason") String finishReason,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
