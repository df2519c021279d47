package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A function call made by the assistant. In a stream chunk it is a fragment: {@code index} says
 * which call it extends, {@code id} and the function name come in the first fragment only, and
 * {@code arguments} fragments concatenate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
    Integer index,
    String id,
    String type,
    Function function,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A complete function call, as in a request or a non-streamed response. */
  public static ToolCall function(String id, String name, String arguments) {
    return new ToolCall(null, id, "function", new Function(name, arguments, null), null);
  }

  /** The called function; {@code arguments} is a JSON document as a string. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Function(
      String name, String arguments, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
