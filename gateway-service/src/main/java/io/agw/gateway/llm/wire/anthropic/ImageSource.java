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

/** Where an image block's bytes come from, discriminated by {@code type}. */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ImageSource.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ImageSource.Base64.class, name = "base64"),
  @JsonSubTypes.Type(value = ImageSource.Url.class, name = "url")
})
public sealed interface ImageSource {

  /** The source's {@code type} discriminator. */
  String type();

  /** Inline bytes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Base64(
      @JsonProperty("media_type") String mediaType,
      String data,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ImageSource {
    public Base64(String mediaType, String data) {
      this(mediaType, data, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "base64";
    }
  }

  /** An image the provider fetches itself. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Url(String url, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ImageSource {
    public Url(String url) {
      this(url, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "url";
    }
  }

  /** Any other source (for example {@code file}), kept as read. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ImageSource {}
}
