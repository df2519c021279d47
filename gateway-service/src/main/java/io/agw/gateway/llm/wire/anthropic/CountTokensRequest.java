package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /v1/messages/count_tokens}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountTokensRequest(
    String model,
    List<Message> messages,
    MessageContent system,
    List<Tool> tools,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
