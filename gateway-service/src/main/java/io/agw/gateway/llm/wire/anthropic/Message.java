package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One turn of a conversation: {@code role} is {@code user} or {@code assistant}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
    String role,
    MessageContent content,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
  public Message(String role, MessageContent content) {
    this(role, content, null);
  }
}
