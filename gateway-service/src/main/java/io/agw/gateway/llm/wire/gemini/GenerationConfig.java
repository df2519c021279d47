package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Sampling, length, output format and thinking settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationConfig(
    Double temperature,
    Double topP,
    Integer topK,
    Integer maxOutputTokens,
    List<String> stopSequences,
    Integer candidateCount,
    Long seed,
    Double presencePenalty,
    Double frequencyPenalty,
    String responseMimeType,
    JsonNode responseSchema,
    ThinkingConfig thinkingConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /**
   * Thinking: a token budget (Gemini 2.5) or a level (Gemini 3), and whether thought summaries are
   * returned.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ThinkingConfig(
      Integer thinkingBudget,
      Boolean includeThoughts,
      String thinkingLevel,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
