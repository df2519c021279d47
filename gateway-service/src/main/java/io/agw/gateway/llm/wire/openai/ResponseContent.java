package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One content part of a Responses {@code message} output item, discriminated by {@code type}. Parts
 * the gateway does not build ({@code refusal}, ...) are read as {@link Unknown} and written back
 * unchanged.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ResponseContent.Unknown.class)
@JsonSubTypes({@JsonSubTypes.Type(value = ResponseContent.OutputText.class, name = "output_text")})
public sealed interface ResponseContent {

  /** The part's {@code type} discriminator. */
  String type();

  /** Answer text; {@code logprobs} stays in {@code extra}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "text", "annotations"})
  record OutputText(
      String text,
      List<JsonNode> annotations,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseContent {

    /** Text with no annotations. */
    public OutputText(String text) {
      this(text, List.of(), null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "output_text";
    }
  }

  /** A part type this gateway does not know, kept as it came. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseContent {}
}
