package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A tool offered to the model. Client tools have no {@code type} (or {@code custom}); server tools
 * (web search, code execution, ...) have a versioned {@code type} and no {@code input_schema}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(
    String type,
    String name,
    String description,
    @JsonProperty("input_schema") JsonNode inputSchema,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Whether this is a client tool the model calls with JSON input. */
  @JsonIgnore
  public boolean isClientTool() {
    return type == null || "custom".equals(type);
  }
}
