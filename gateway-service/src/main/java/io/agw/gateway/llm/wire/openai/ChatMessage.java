package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A chat message, in a request ({@code system}, {@code developer}, {@code user}, {@code assistant},
 * {@code tool}) or as a response choice's message. {@code reasoning_content} and {@code
 * reasoning_signature} are the de-facto extension that OpenAI-compatible engines use for reasoning
 * text and its replay signature.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
    String role,
    ChatContent content,
    String name,
    @JsonProperty("tool_calls") List<ToolCall> toolCalls,
    @JsonProperty("tool_call_id") String toolCallId,
    @JsonProperty("reasoning_content") String reasoningContent,
    @JsonProperty("reasoning_signature") String reasoningSignature,
    String refusal,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A message with only a role and content. */
  public static ChatMessage of(String role, ChatContent content) {
    return new ChatMessage(role, content, null, null, null, null, null, null, null);
  }
}
