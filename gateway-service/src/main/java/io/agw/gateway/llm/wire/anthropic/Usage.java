package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Token usage. {@code input_tokens} excludes the cached tokens, which are reported separately as
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
    @JsonProperty("input_tokens") Long inputTokens,
    @JsonProperty("output_tokens") Long outputTokens,
    @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
    @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens,
    @JsonProperty("service_tier") String serviceTier,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
  public Usage(Long inputTokens, Long outputTokens) {
    this(inputTokens, outputTokens, null, null, null, null);
  }
}
