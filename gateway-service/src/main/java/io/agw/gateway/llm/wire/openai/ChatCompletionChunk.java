package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One streamed chunk ({@code object} {@code chat.completion.chunk}), the JSON {@code data} of one
 * SSE event. With {@code stream_options.include_usage} the upstream ends with a chunk whose {@code
 * choices} is empty and whose {@code usage} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(
    String id,
    String object,
    Long created,
    String model,
    List<Choice> choices,
    ChatUsage usage,
    @JsonProperty("service_tier") String serviceTier,
    @JsonProperty("system_fingerprint") String systemFingerprint,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** The {@code object} value of every chunk. */
  public static final String OBJECT = "chat.completion.chunk";

  /** What one choice adds in this chunk. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Choice(
      Integer index,
      Delta delta,
      @JsonProperty("finish_reason") String finishReason,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** The increment: role (first chunk only), content, reasoning or tool call fragments. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Delta(
      String role,
      String content,
      @JsonProperty("reasoning_content") String reasoningContent,
      @JsonProperty("tool_calls") List<ToolCall> toolCalls,
      String refusal,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
