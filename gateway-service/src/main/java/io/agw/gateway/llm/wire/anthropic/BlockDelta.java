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

/** The {@code delta} of a {@code content_block_delta} event, discriminated by {@code type}. */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = BlockDelta.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = BlockDelta.TextDelta.class, name = "text_delta"),
  @JsonSubTypes.Type(value = BlockDelta.InputJsonDelta.class, name = "input_json_delta"),
  @JsonSubTypes.Type(value = BlockDelta.ThinkingDelta.class, name = "thinking_delta"),
  @JsonSubTypes.Type(value = BlockDelta.SignatureDelta.class, name = "signature_delta")
})
public sealed interface BlockDelta {

  /** The delta's {@code type} discriminator. */
  String type();

  /** More text for a text block. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record TextDelta(String text, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements BlockDelta {
    public TextDelta(String text) {
      this(text, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "text_delta";
    }
  }

  /** A fragment of a tool call's JSON input; fragments concatenate to the whole input. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record InputJsonDelta(
      @JsonProperty("partial_json") String partialJson,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements BlockDelta {
    public InputJsonDelta(String partialJson) {
      this(partialJson, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "input_json_delta";
    }
  }

  /** More text for a thinking block. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ThinkingDelta(String thinking, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements BlockDelta {
    public ThinkingDelta(String thinking) {
      this(thinking, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "thinking_delta";
    }
  }

  /** The signature of a thinking block, sent just before the block closes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record SignatureDelta(String signature, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements BlockDelta {
    public SignatureDelta(String signature) {
      this(signature, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "signature_delta";
    }
  }

  /** Any other delta type (for example {@code citations_delta}), kept as read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements BlockDelta {}
}
