package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /v1/messages}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesRequest(
    String model,
    List<Message> messages,
    MessageContent system,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    Boolean stream,
    List<Tool> tools,
    @JsonProperty("tool_choice") ToolChoice toolChoice,
    ThinkingConfig thinking,
    JsonNode metadata,
    @JsonProperty("output_config") OutputConfig outputConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
