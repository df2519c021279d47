package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How the model may use tools: {@code type} is {@code auto}, {@code any}, {@code tool} or {@code
 * none}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolChoice(
    String type,
    String name,
    @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
