package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A content block of a message or of {@code system}: a union with exactly one member set. Members
 * the gateway does not translate (video, guard content, citations, ...) stay in {@code extra}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BedrockContent(
    String text,
    Image image,
    Document document,
    ToolUse toolUse,
    ToolResult toolResult,
    ReasoningContent reasoningContent,
    CachePoint cachePoint,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static BedrockContent text(String text) {
    return new BedrockContent(text, null, null, null, null, null, null, null);
  }

  public static BedrockContent image(Image image) {
    return new BedrockContent(null, image, null, null, null, null, null, null);
  }

  public static BedrockContent document(Document document) {
    return new BedrockContent(null, null, document, null, null, null, null, null);
  }

  public static BedrockContent toolUse(ToolUse toolUse) {
    return new BedrockContent(null, null, null, toolUse, null, null, null, null);
  }

  public static BedrockContent toolResult(ToolResult toolResult) {
    return new BedrockContent(null, null, null, null, toolResult, null, null, null);
  }

  public static BedrockContent reasoning(ReasoningContent reasoning) {
    return new BedrockContent(null, null, null, null, null, reasoning, null, null);
  }

  public static BedrockContent checkpoint() {
    return new BedrockContent(null, null, null, null, null, null, CachePoint.DEFAULT, null);
  }

  /** Inline bytes (base64 in JSON) or an S3 location. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(String bytes, JsonNode s3Location) {}

  /** An image: {@code format} is {@code png}, {@code jpeg}, {@code gif} or {@code webp}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Image(String format, Source source) {}

  /** A document ({@code pdf}, {@code csv}, {@code txt}, {@code md}, ...) with a unique name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(String format, String name, Source source) {}

  /** A tool call by the assistant; {@code input} is a JSON document. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolUse(String toolUseId, String name, JsonNode input) {}

  /** A tool's result; {@code status} is {@code success} or {@code error}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolResult(String toolUseId, List<ToolResultContent> content, String status) {}

  /** One part of a tool result (a union). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ToolResultContent(String text, JsonNode json, Image image) {}

  /** Reasoning: readable text with its signature, or provider-encrypted bytes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReasoningContent(ReasoningText reasoningText, String redactedContent) {}

  /** Reasoning text and the signature that must be replayed with it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReasoningText(String text, String signature) {}

  /** A prompt-cache checkpoint after the preceding content. */
  public record CachePoint(String type) {
    public static final CachePoint DEFAULT = new CachePoint("default");
  }
}
