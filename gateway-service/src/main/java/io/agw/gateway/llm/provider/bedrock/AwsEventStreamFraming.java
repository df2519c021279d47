package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Frames a binary AWS event stream (Bedrock's ConverseStream) with the AWS SDK's decoder, which
 * checks each frame's lengths and CRCs and keeps a partial frame until the rest arrives. Each event
 * frame becomes a named event: the {@code :event-type} header and the JSON payload. Exception and
 * error frames become one {@value #ERROR} event whose data is {@code {"type", "message"}}; Converse
 * has no event of that name.
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class AwsEventStreamFraming implements StreamTranslator.Framing {

  /** The name of the event that stands for an exception or error frame. */
  public static final String ERROR = "error";

  private final List<SseEvent> decoded = new ArrayList<>();
  private final MessageDecoder decoder = new MessageDecoder(m -> decoded.add(event(m)));

  @Override
  public List<SseEvent> feed(byte[] bytes) {
    decoder.feed(bytes);
    if (decoded.isEmpty()) {
      return List.of();
    }
    List<SseEvent> out = List.copyOf(decoded);
    decoded.clear();
    return out;
  }

  @Override
  public List<SseEvent> finish() {
    // A partial frame left at the end is a cut stream: the translator sees no end marker.
    return List.of();
  }

  /** The named event of one decoded frame. */
  public static SseEvent event(Message message) {
    Map<String, HeaderValue> headers = message.getHeaders();
    String kind = header(headers, ":message-type", "event");
    String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
    switch (kind) {
      case "event":
        return new SseEvent(header(headers, ":event-type", "unknown"), payload);
      case "exception":
        return error(header(headers, ":exception-type", "exception"), messageOf(payload));
      default:
        return error(
            header(headers, ":error-code", "error"),
            header(headers, ":error-message", "the stream failed"));
    }
  }

  private static SseEvent error(String type, String message) {
    return new SseEvent(
        ERROR,
        WireJson.write(WireJson.nodes().objectNode().put("type", type).put("message", message)));
  }

  private static String messageOf(String payload) {
    try {
      var tree = WireJson.tree(payload);
      String message = tree.path("message").asString(tree.path("Message").asString(""));
      return message.isEmpty() ? payload : message;
    } catch (RuntimeException e) {
      return payload;
    }
  }

  private static String header(Map<String, HeaderValue> headers, String name, String fallback) {
    HeaderValue value = headers.get(name);
    return value == null ? fallback : value.getString();
  }
}
