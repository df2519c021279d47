package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Tools offered to the model: function declarations (other tool kinds stay in {@code extra}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(
    List<FunctionDeclaration> functionDeclarations,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A function the model may call; {@code parameters} is an OpenAPI-style schema. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionDeclaration(
      String name,
      String description,
      JsonNode parameters,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
