package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One block of message content, discriminated by {@code type}. Types the gateway does not translate
 * (documents, server tool use, search results, ...) are read as {@link Unknown} and written back
 * unchanged.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ContentBlock.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
  @JsonSubTypes.Type(value = ContentBlock.Image.class, name = "image"),
  @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
  @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = ContentBlock.Thinking.class, name = "thinking"),
  @JsonSubTypes.Type(value = ContentBlock.RedactedThinking.class, name = "redacted_thinking")
})
public sealed interface ContentBlock {

  /** The block's {@code type} discriminator. */
  String type();

  /** A text block; {@code cache_control} and {@code citations} stay in {@code extra}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Text(String text, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    public Text(String text) {
      this(text, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "text";
    }
  }

  /** An image block with a base64 or URL source. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Image(ImageSource source, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    public Image(ImageSource source) {
      this(source, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "image";
    }
  }

  /**
   * A tool call made by the assistant. {@code input} is normally a JSON object; it is a string only
   * when an upstream returned arguments that are not valid JSON (for example a truncated call).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ToolUse(
      String id,
      String name,
      JsonNode input,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    public ToolUse(String id, String name, JsonNode input) {
      this(id, name, input, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "tool_use";
    }
  }

  /** The result of a tool call, sent in a user message. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ToolResult(
      @JsonProperty("tool_use_id") String toolUseId,
      MessageContent content,
      @JsonProperty("is_error") Boolean isError,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    public ToolResult(String toolUseId, MessageContent content) {
      this(toolUseId, content, null, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "tool_result";
    }
  }

  /** Extended thinking, with the signature that must be replayed unchanged. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Thinking(
      String thinking, String signature, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    public Thinking(String thinking, String signature) {
      this(thinking, signature, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "thinking";
    }
  }

  /** Thinking encrypted by the provider; only meaningful when replayed to Anthropic. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record RedactedThinking(String data, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {
    @Override
    @JsonProperty("type")
    public String type() {
      return "redacted_thinking";
    }
  }

  /** Any other block type, kept as read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentBlock {}
}
