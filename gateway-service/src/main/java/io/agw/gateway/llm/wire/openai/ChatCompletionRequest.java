package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/chat/completions}. {@code stop} is read as a string or a list and always
 * written as a list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
    String model,
    List<ChatMessage> messages,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
    Boolean stream,
    @JsonProperty("stream_options") StreamOptions streamOptions,
    List<ChatTool> tools,
    @JsonProperty("tool_choice") ChatToolChoice toolChoice,
    @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
    @JsonProperty("response_format") ResponseFormat responseFormat,
    @JsonProperty("reasoning_effort") String reasoningEffort,
    String user,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Stream options; {@code include_usage} asks for a final usage chunk. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StreamOptions(
      @JsonProperty("include_usage") Boolean includeUsage,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /**
   * Output format: {@code text}, {@code json_object}, or {@code json_schema} with {@code
   * json_schema}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResponseFormat(
      String type,
      @JsonProperty("json_schema") JsonSchema jsonSchema,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** A named JSON schema for structured output. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JsonSchema(
      String name,
      JsonNode schema,
      Boolean strict,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
