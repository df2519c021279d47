package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Token usage of a chat completion. {@code cache_read_input_tokens} and {@code
 * cache_creation_input_tokens} are extensions some engines (and this gateway, translating from
 * Anthropic) add beside the standard details.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatUsage(
    @JsonProperty("prompt_tokens") Long promptTokens,
    @JsonProperty("completion_tokens") Long completionTokens,
    @JsonProperty("total_tokens") Long totalTokens,
    @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails,
    @JsonProperty("completion_tokens_details") CompletionDetails completionTokensDetails,
    @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens,
    @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Breakdown of the prompt tokens; {@code cached_tokens} is the part read from cache. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PromptDetails(
      @JsonProperty("cached_tokens") Long cachedTokens,
      @JsonProperty("cache_write_tokens") Long cacheWriteTokens,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** Breakdown of the completion tokens. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CompletionDetails(
      @JsonProperty("reasoning_tokens") Long reasoningTokens,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
