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

/**
 * One event of a Messages stream: the JSON {@code data} of an SSE event whose {@code event} name
 * equals {@link #type()}.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = StreamEvent.Unknown.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = StreamEvent.MessageStart.class, name = "message_start"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockStart.class, name = "content_block_start"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockDelta.class, name = "content_block_delta"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockStop.class, name = "content_block_stop"),
  @JsonSubTypes.Type(value = StreamEvent.MessageDelta.class, name = "message_delta"),
  @JsonSubTypes.Type(value = StreamEvent.MessageStop.class, name = "message_stop"),
  @JsonSubTypes.Type(value = StreamEvent.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = StreamEvent.Error.class, name = "error")
})
public sealed interface StreamEvent {

  /** The event's {@code type}, also its SSE event name. */
  String type();

  /** Opens the message; {@code message.usage} holds the input tokens known so far. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record MessageStart(
      MessagesResponse message, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public MessageStart(MessagesResponse message) {
      this(message, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "message_start";
    }
  }

  /** Opens block {@code index} with its initial (empty) content. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ContentBlockStart(
      int index,
      @JsonProperty("content_block") ContentBlock contentBlock,
      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public ContentBlockStart(int index, ContentBlock contentBlock) {
      this(index, contentBlock, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "content_block_start";
    }
  }

  /** Appends to block {@code index}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ContentBlockDelta(
      int index, BlockDelta delta, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public ContentBlockDelta(int index, BlockDelta delta) {
      this(index, delta, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "content_block_delta";
    }
  }

  /** Closes block {@code index}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record ContentBlockStop(int index, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public ContentBlockStop(int index) {
      this(index, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "content_block_stop";
    }
  }

  /** Carries the stop reason and the cumulative usage at the end of the message. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record MessageDelta(
      Delta delta, Usage usage, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public MessageDelta(Delta delta, Usage usage) {
      this(delta, usage, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "message_delta";
    }

    /** Top-level message fields that changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("stop_sequence") String stopSequence,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {}
  }

  /** Ends the stream. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record MessageStop(@JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public MessageStop() {
      this(null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "message_stop";
    }
  }

  /** Keep-alive. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Ping(@JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) implements StreamEvent {
    @Override
    @JsonProperty("type")
    public String type() {
      return "ping";
    }
  }

  /** An error after the stream started (for example {@code overloaded_error}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(value = "type", allowGetters = true)
  record Error(ErrorResponse.Error error, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {
    public Error(ErrorResponse.Error error) {
      this(error, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
      return "error";
    }
  }

  /** An event type this gateway does not know; passed on or ignored, never failed on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Unknown(String type, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra)
      implements StreamEvent {}
}
