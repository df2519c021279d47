package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Token usage of a Responses {@code response}. Unlike chat usage, {@code input_tokens} includes the
 * cached tokens that {@code input_tokens_details.cached_tokens} reports. {@code cache_write_tokens}
 * is an extension this gateway adds when the upstream reports cache writes (Bedrock).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseUsage(
    @JsonProperty("input_tokens") Long inputTokens,
    @JsonProperty("input_tokens_details") InputDetails inputTokensDetails,
    @JsonProperty("output_tokens") Long outputTokens,
    @JsonProperty("output_tokens_details") OutputDetails outputTokensDetails,
    @JsonProperty("total_tokens") Long totalTokens,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Breakdown of the input tokens. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InputDetails(
      @JsonProperty("cached_tokens") Long cachedTokens,
      @JsonProperty("cache_write_tokens") Long cacheWriteTokens,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** Breakdown of the output tokens. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OutputDetails(
      @JsonProperty("reasoning_tokens") Long reasoningTokens,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /**
   * Usage with both details objects, as OpenAI writes it.
   *
   * @param cacheWriteTokens written only when not null
   */
  public static ResponseUsage of(
      long input, long cached, Long cacheWriteTokens, long output, long reasoning, long total) {
    return new ResponseUsage(
        input,
        new InputDetails(cached, cacheWriteTokens, null),
        output,
        new OutputDetails(reasoning, null),
        total,
        null);
  }
}
