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
 * One item of a Responses {@code output}, discriminated by {@code type}. Items the gateway does not
 * build (web search calls, built-in tool calls, ...) are read as {@link Unknown} and written back
 * unchanged.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ResponseItem.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ResponseItem.Message.class, name = "message"),
  @JsonSubTypes.Type(value = ResponseItem.FunctionCall.class, name = "function_call"),
  @JsonSubTypes.Type(value = ResponseItem.Reasoning.class, name = "reasoning")
})
public sealed interface ResponseItem {

  /** The item's {@code type} discriminator. */
  String type();

  /** An assistant message; {@code status} is {@code in_progress} until its parts are complete. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "id", "role", "status", "content"})
  record Message(
      String id,
      String role,
      String status,
      List<ResponseContent> content,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseItem {

    @Override
    @JsonProperty("type")
    public String type() {
      return "message";
    }
  }

  /**
   * A call of a client-defined function: {@code call_id} pairs it with the client's {@code
   * function_call_output}; {@code arguments} is a JSON document as a string.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "id", "call_id", "name", "arguments", "status"})
  record FunctionCall(
      String id,
      @JsonProperty("call_id") String callId,
      String name,
      String arguments,
      String status,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseItem {

    @Override
    @JsonProperty("type")
    public String type() {
      return "function_call";
    }
  }

  /**
   * The model's reasoning, as summary texts; {@code encrypted_content} and {@code content} stay in
   * {@code extra}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "id", "summary"})
  record Reasoning(
      String id,
      List<SummaryText> summary,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseItem {

    @Override
    @JsonProperty("type")
    public String type() {
      return "reasoning";
    }
  }

  /** One summary part of a reasoning item ({@code type} {@code summary_text}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "text"})
  record SummaryText(String text, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public SummaryText(String text) {
      this(text, null);
    }

    @JsonProperty("type")
    public String type() {
      return "summary_text";
    }
  }

  /** An item type this gateway does not know, kept as it came. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponseItem {}
}
