package io.agw.gateway.llm.wire.openai;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One event of a Responses stream: the JSON {@code data} of an SSE event whose {@code event} name
 * equals {@link #type()}. Every event carries its {@code sequence_number}. Records that stand for a
 * pair of events ({@code ...added} and {@code ...done}) or for the lifecycle events take the {@code
 * type} as a component; the others write a fixed one. Event types this gateway does not build
 * (built-in tool progress, refusals, annotations, ...) are read as {@link Unknown}.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = ResponsesStreamEvent.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.Lifecycle.class,
      names = {
        ResponsesStreamEvent.CREATED,
        ResponsesStreamEvent.IN_PROGRESS,
        ResponsesStreamEvent.COMPLETED,
        ResponsesStreamEvent.INCOMPLETE,
        ResponsesStreamEvent.FAILED
      }),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.OutputItem.class,
      names = {ResponsesStreamEvent.ITEM_ADDED, ResponsesStreamEvent.ITEM_DONE}),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.ContentPart.class,
      names = {ResponsesStreamEvent.PART_ADDED, ResponsesStreamEvent.PART_DONE}),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.OutputTextDelta.class,
      name = "response.output_text.delta"),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.OutputTextDone.class,
      name = "response.output_text.done"),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.SummaryPart.class,
      names = {ResponsesStreamEvent.SUMMARY_PART_ADDED, ResponsesStreamEvent.SUMMARY_PART_DONE}),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.SummaryTextDelta.class,
      name = "response.reasoning_summary_text.delta"),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.SummaryTextDone.class,
      name = "response.reasoning_summary_text.done"),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.ArgumentsDelta.class,
      name = "response.function_call_arguments.delta"),
  @JsonSubTypes.Type(
      value = ResponsesStreamEvent.ArgumentsDone.class,
      name = "response.function_call_arguments.done"),
  @JsonSubTypes.Type(value = ResponsesStreamEvent.Error.class, name = "error")
})
public sealed interface ResponsesStreamEvent {

  String CREATED = "response.created";
  String IN_PROGRESS = "response.in_progress";
  String COMPLETED = "response.completed";
  String INCOMPLETE = "response.incomplete";
  String FAILED = "response.failed";
  String ITEM_ADDED = "response.output_item.added";
  String ITEM_DONE = "response.output_item.done";
  String PART_ADDED = "response.content_part.added";
  String PART_DONE = "response.content_part.done";
  String SUMMARY_PART_ADDED = "response.reasoning_summary_part.added";
  String SUMMARY_PART_DONE = "response.reasoning_summary_part.done";

  /** The event's {@code type}, also its SSE event name. */
  String type();

  /**
   * {@code response.created}, {@code in_progress}, {@code completed}, {@code incomplete} or {@code
   * failed}: the whole response as it stands; the last three end the stream.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lifecycle(
      String type,
      @JsonProperty("sequence_number") int sequenceNumber,
      ResponsesResponse response,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public Lifecycle(String type, int sequenceNumber, ResponsesResponse response) {
      this(type, sequenceNumber, response, null);
    }
  }

  /** {@code response.output_item.added} (the item as it starts) or {@code ...done} (complete). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OutputItem(
      String type,
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("output_index") int outputIndex,
      ResponseItem item,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public OutputItem(String type, int sequenceNumber, int outputIndex, ResponseItem item) {
      this(type, sequenceNumber, outputIndex, item, null);
    }
  }

  /** {@code response.content_part.added} (the part empty) or {@code ...done} (complete). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContentPart(
      String type,
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("content_index") int contentIndex,
      ResponseContent part,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public ContentPart(
        String type,
        int sequenceNumber,
        String itemId,
        int outputIndex,
        int contentIndex,
        ResponseContent part) {
      this(type, sequenceNumber, itemId, outputIndex, contentIndex, part, null);
    }
  }

  /** Text appended to an {@code output_text} part; {@code logprobs} stays in {@code extra}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record OutputTextDelta(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("content_index") int contentIndex,
      String delta,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public OutputTextDelta(
        int sequenceNumber, String itemId, int outputIndex, int contentIndex, String delta) {
      this(sequenceNumber, itemId, outputIndex, contentIndex, delta, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.output_text.delta";
    }
  }

  /** The whole text of an {@code output_text} part. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record OutputTextDone(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("content_index") int contentIndex,
      String text,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public OutputTextDone(
        int sequenceNumber, String itemId, int outputIndex, int contentIndex, String text) {
      this(sequenceNumber, itemId, outputIndex, contentIndex, text, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.output_text.done";
    }
  }

  /** {@code response.reasoning_summary_part.added} (empty) or {@code ...done} (complete). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SummaryPart(
      String type,
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("summary_index") int summaryIndex,
      ResponseItem.SummaryText part,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public SummaryPart(
        String type,
        int sequenceNumber,
        String itemId,
        int outputIndex,
        int summaryIndex,
        ResponseItem.SummaryText part) {
      this(type, sequenceNumber, itemId, outputIndex, summaryIndex, part, null);
    }
  }

  /** Text appended to a reasoning summary part. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record SummaryTextDelta(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("summary_index") int summaryIndex,
      String delta,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public SummaryTextDelta(
        int sequenceNumber, String itemId, int outputIndex, int summaryIndex, String delta) {
      this(sequenceNumber, itemId, outputIndex, summaryIndex, delta, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.reasoning_summary_text.delta";
    }
  }

  /** The whole text of a reasoning summary part. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record SummaryTextDone(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      @JsonProperty("summary_index") int summaryIndex,
      String text,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public SummaryTextDone(
        int sequenceNumber, String itemId, int outputIndex, int summaryIndex, String text) {
      this(sequenceNumber, itemId, outputIndex, summaryIndex, text, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.reasoning_summary_text.done";
    }
  }

  /** A fragment of a function call's arguments. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record ArgumentsDelta(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      String delta,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public ArgumentsDelta(int sequenceNumber, String itemId, int outputIndex, String delta) {
      this(sequenceNumber, itemId, outputIndex, delta, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.function_call_arguments.delta";
    }
  }

  /** A function call's whole arguments (and its name). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record ArgumentsDone(
      @JsonProperty("sequence_number") int sequenceNumber,
      @JsonProperty("item_id") String itemId,
      @JsonProperty("output_index") int outputIndex,
      String arguments,
      String name,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    public ArgumentsDone(
        int sequenceNumber, String itemId, int outputIndex, String arguments, String name) {
      this(sequenceNumber, itemId, outputIndex, arguments, name, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "response.function_call_arguments.done";
    }
  }

  /** An error after the stream started; {@code param} stays in {@code extra}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  @JsonPropertyOrder({"type", "sequence_number"})
  record Error(
      @JsonProperty("sequence_number") Integer sequenceNumber,
      String code,
      String message,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {
    @Override
    @JsonProperty("type")
    public String type() {
      return "error";
    }
  }

  /** An event type this gateway does not know, kept as it came. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements ResponsesStreamEvent {}
}
