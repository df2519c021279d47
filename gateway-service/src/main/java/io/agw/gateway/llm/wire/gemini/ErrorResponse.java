package io.agw.gateway.llm.wire.gemini;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Google's error envelope {@code
 * {"error":{"code":429,"message":...,"status":"RESOURCE_EXHAUSTED"}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
    Error error, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** An envelope around one error. */
  public static ErrorResponse of(int code, String message, String status) {
    return new ErrorResponse(new Error(code, message, status, null), null);
  }

  /** The error: the HTTP status, a message and the canonical gRPC status name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(
      Integer code,
      String message,
      String status,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
}
