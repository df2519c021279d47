package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Answer of {@code count_tokens}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountTokensResponse(
    @JsonProperty("input_tokens") Long inputTokens,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
