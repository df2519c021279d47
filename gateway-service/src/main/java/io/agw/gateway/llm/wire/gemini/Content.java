package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One turn of a conversation: {@code role} is {@code user} or {@code model} (absent in a system
 * instruction), with its parts in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Content(
    String role, List<Part> parts, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A turn with only a role and parts. */
  public static Content of(String role, List<Part> parts) {
    return new Content(role, parts, null);
  }
}
