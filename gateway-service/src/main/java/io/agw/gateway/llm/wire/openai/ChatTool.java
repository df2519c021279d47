package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A tool offered to the model; {@code type} is {@code function} (or {@code custom}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatTool(
    String type, Function function, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A function the model may call; {@code parameters} is a JSON schema. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Function(
      String name,
      String description,
      JsonNode parameters,
      Boolean strict,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
