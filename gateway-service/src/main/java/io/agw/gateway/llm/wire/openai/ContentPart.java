package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One part of multi-part message content, discriminated by {@code type}. */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ContentPart.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ContentPart.Text.class, name = "text"),
  @JsonSubTypes.Type(value = ContentPart.ImageUrl.class, name = "image_url")
})
public sealed interface ContentPart {

  /** The part's {@code type} discriminator. */
  String type();

  /** A text part. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Text(String text, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentPart {
    public Text(String text) {
      this(text, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "text";
    }
  }

  /** An image by URL; {@code url} may be a {@code data:} URL. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ImageUrl(
      @JsonProperty("image_url") Image imageUrl,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentPart {
    public ImageUrl(String url) {
      this(new Image(url, null, null), null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "image_url";
    }

    /** The image reference. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(
        String url, String detail, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
  }

  /** Any other part type (audio, file, refusal, ...), kept as read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ContentPart {}
}
