package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The error envelope {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}; {@code
 * param} and {@code code} are always written, as null when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
    Error error, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** An envelope around one error. */
  public static ErrorResponse of(String message, String type, String code) {
    return new ErrorResponse(new Error(message, type, null, code, null), null);
  }

  /** The error itself. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(
      String message,
      String type,
      @JsonInclude(JsonInclude.Include.ALWAYS) String param,
      @JsonInclude(JsonInclude.Include.ALWAYS) String code,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
