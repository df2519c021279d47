package io.agw.gateway.llm.wire.anthropic;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The error envelope {@code {"type":"error","error":{"type":...,"message":...}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
    String type, Error error, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** An envelope around {@code error}. */
  public static ErrorResponse of(String errorType, String message) {
    return new ErrorResponse("error", new Error(errorType, message, null), null);
  }

  /** The error itself; {@code type} is one of Anthropic's error types. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(
      String type, String message, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
