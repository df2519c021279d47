package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Output controls: {@code effort} ({@code low}, {@code medium}, {@code high}, ...) and structured
 * output {@code format} ({@code {"type":"json_schema","schema":{...}}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputConfig(
    String effort, JsonNode format, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
