package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agw.gateway.llm.wire.WireJson;
import tools.jackson.databind.JsonNode;

/**
 * One event of a ConverseStream response. The event type is the {@code :event-type} header of its
 * event-stream frame and the payload is the frame's JSON body, so the records carry no type field.
 */
public sealed interface ConverseStreamEvent {

  /** The assistant's message begins. */
  record MessageStart(String role) implements ConverseStreamEvent {}

  /** A block begins; only tool-use blocks announce themselves (with the call's id and name). */
  record ContentBlockStart(int contentBlockIndex, Start start) implements ConverseStreamEvent {}

  /** What a block starts with. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Start(BedrockContent.ToolUse toolUse) {}

  /** More of a block: text, tool input JSON, or reasoning text / signature. */
  record ContentBlockDelta(int contentBlockIndex, Delta delta) implements ConverseStreamEvent {}

  /** The delta union. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delta(String text, ToolUseDelta toolUse, ReasoningDelta reasoningContent) {}

  /** A fragment of a tool call's input JSON. */
  record ToolUseDelta(String input) {}

  /** A fragment of reasoning: text, then the signature (or redacted bytes). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReasoningDelta(String text, String signature, String redactedContent) {}

  /** A block ends. */
  record ContentBlockStop(int contentBlockIndex) implements ConverseStreamEvent {}

  /** The message ends, with why. */
  record MessageStop(String stopReason, JsonNode additionalModelResponseFields)
      implements ConverseStreamEvent {}

  /** The last event: usage and latency. */
  record Metadata(BedrockUsage usage, JsonNode metrics) implements ConverseStreamEvent {}

  /** An exception frame ({@code :message-type exception}) or an unknown event. */
  record Failure(String type, String message) implements ConverseStreamEvent {}

  /** An event type this gateway does not know; ignored. */
  record Unknown(String type) implements ConverseStreamEvent {}

  /** Parses the payload of an event frame of type {@code eventType}. */
  static ConverseStreamEvent parse(String eventType, String json) {
    return switch (eventType) {
      case "messageStart" -> WireJson.read(json, MessageStart.class);
      case "contentBlockStart" -> WireJson.read(json, ContentBlockStart.class);
      case "contentBlockDelta" -> WireJson.read(json, ContentBlockDelta.class);
      case "contentBlockStop" -> WireJson.read(json, ContentBlockStop.class);
      case "messageStop" -> WireJson.read(json, MessageStop.class);
      case "metadata" -> WireJson.read(json, Metadata.class);
      default -> new Unknown(eventType);
    };
  }
}
