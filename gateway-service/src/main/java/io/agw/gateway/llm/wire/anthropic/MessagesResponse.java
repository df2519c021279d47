package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Messages response ({@code type} {@code message}); also the {@code message} of a stream's {@code
 * message_start} event, where {@code content} is empty and {@code stop_reason} null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesResponse(
    String id,
    String type,
    String role,
    String model,
    List<ContentBlock> content,
    @JsonProperty("stop_reason") String stopReason,
    @JsonProperty("stop_sequence") String stopSequence,
    Usage usage,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
