package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code models/<model>:generateContent} and {@code :streamGenerateContent}; the model is
 * in the path, never in the body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentRequest(
    List<Content> contents,
    Content systemInstruction,
    List<Tool> tools,
    ToolConfig toolConfig,
    GenerationConfig generationConfig,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
