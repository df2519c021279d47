package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** How the model may use the tools. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolConfig(
    FunctionCallingConfig functionCallingConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /**
   * {@code mode}: {@code AUTO}, {@code ANY} (must call), {@code NONE}; {@code ANY} may restrict the
   * functions to {@code allowedFunctionNames}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionCallingConfig(
      String mode,
      List<String> allowedFunctionNames,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
