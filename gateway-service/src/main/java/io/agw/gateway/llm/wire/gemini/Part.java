package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One part of a turn. Gemini's part is a union of data kinds ({@code text}, {@code inlineData},
 * {@code fileData}, {@code functionCall}, {@code functionResponse}, and kinds this gateway does not
 * type, kept in {@code extra}) plus metadata shared by all kinds ({@code thought}, {@code
 * thoughtSignature}); it is a record with one field per kind, at most one of which is set, because
 * the metadata sits beside the data on the same JSON object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Part(
    String text,
    Boolean thought,
    String thoughtSignature,
    Blob inlineData,
    FileData fileData,
    FunctionCall functionCall,
    FunctionResponse functionResponse,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** A text part. */
  public static Part text(String text) {
    return new Part(text, null, null, null, null, null, null, null);
  }

  /** A reasoning part ({@code thought: true}), with its replay signature when known. */
  public static Part thought(String text, String signature) {
    return new Part(text, true, signature, null, null, null, null, null);
  }

  /** Whether this part is reasoning rather than answer text. */
  public boolean reasoning() {
    return Boolean.TRUE.equals(thought);
  }

  /** Bytes inline, base64 in {@code data}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Blob(
      String mimeType, String data, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** A file by URI ({@code gs://}, {@code https://} or a Files API URI). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileData(
      String mimeType, String fileUri, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** A call of a declared function; {@code args} is a JSON object. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionCall(
      String id,
      String name,
      JsonNode args,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}

  /** The result of a function call; {@code response} is a JSON object. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionResponse(
      String id,
      String name,
      JsonNode response,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
