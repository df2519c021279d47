package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A {@code generateContent} response, and also each chunk of a {@code streamGenerateContent} SSE
 * stream (there each chunk carries the new parts only, and the usage so far). An empty {@code
 * candidates} list is written as absent, as Gemini does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentResponse(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Candidate> candidates,
    PromptFeedback promptFeedback,
    UsageMetadata usageMetadata,
    String modelVersion,
    String responseId,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** One generated alternative; {@code finishReason} is set on its last chunk. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Candidate(
      Content content,
      String finishReason,
      Integer index,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** Set when the prompt itself was blocked ({@code blockReason}); there are no candidates then. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PromptFeedback(
      String blockReason, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /**
   * Token counts. {@code candidatesTokenCount} excludes the thinking tokens, which are counted in
   * {@code thoughtsTokenCount}; {@code cachedContentTokenCount} is the cached part of the prompt.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UsageMetadata(
      Long promptTokenCount,
      Long candidatesTokenCount,
      Long totalTokenCount,
      Long thoughtsTokenCount,
      Long cachedContentTokenCount,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
