package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Responses API {@code response} object ({@code object} {@code response}): the body of a
 * non-streamed {@code POST /v1/responses} and the {@code response} of the stream's lifecycle
 * events. {@code status} is {@code in_progress}, {@code completed}, {@code incomplete} (then {@code
 * incomplete_details} says why) or {@code failed}. The request echo ({@code instructions}, {@code
 * tools}, ...), {@code error} and {@code service_tier} stay in {@code extra}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesResponse(
    String id,
    String object,
    @JsonProperty("created_at") Long createdAt,
    String model,
    String status,
    @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails,
    List<ResponseItem> output,
    ResponseUsage usage,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** The {@code object} value of every response. */
  public static final String OBJECT = "response";

  /** Why a response stopped early, for example {@code max_output_tokens}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IncompleteDetails(
      String reason, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public IncompleteDetails(String reason) {
      this(reason, null);
    }
  }
}
