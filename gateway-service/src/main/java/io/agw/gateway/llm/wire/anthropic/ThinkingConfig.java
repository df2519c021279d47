package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Extended thinking: {@code type} is {@code enabled} (with a budget), {@code adaptive} or {@code
 * disabled}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThinkingConfig(
    String type,
    @JsonProperty("budget_tokens") Integer budgetTokens,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
