package io.agw.gateway.llm.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.StreamingClients;
import io.agw.gateway.llm.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

class AwsEventStreamFramingTest {

  private static byte[] frame(String messageType, String typeHeader, String type, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString(messageType));
    headers.put(typeHeader, HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    ByteBuffer buffer = new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void framesSplitAcrossReadsComeOutWhole() {
    byte[] stream =
        concat(
            frame("event", ":event-type", "messageStart", "{\"role\":\"assistant\"}"),
            frame(
                "event",
                ":event-type",
                "contentBlockDelta",
                "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"));
    AwsEventStreamFraming framing = new AwsEventStreamFraming();
    List<SseEvent> events = new ArrayList<>();
    for (int i = 0; i < stream.length; i += 3) {
      events.addAll(framing.feed(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 3))));
    }
    assertThat(events)
        .containsExactly(
            new SseEvent("messageStart", "{\"role\":\"assistant\"}"),
            new SseEvent(
                "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"));
  }

  @Test
  void anExceptionFrameEndsTheClientStreamWithAnErrorInItsFormat() {
    StreamTranslator stream =
        StreamingClients.translator(ClientApi.MESSAGES, Dialect.BEDROCK, "m", false);
    List<String> out = new ArrayList<>();
    out.addAll(
        stream.onBytes(frame("event", ":event-type", "messageStart", "{\"role\":\"assistant\"}")));
    out.addAll(
        stream.onBytes(
            frame(
                "exception",
                ":exception-type",
                "throttlingException",
                "{\"message\":\"Too many requests, please wait.\"}")));
    out.addAll(stream.onEnd());
    String text = String.join("", out);
    assertThat(text).startsWith("event: message_start");
    assertThat(text)
        .contains("event: error")
        .contains("\"type\":\"rate_limit_error\"")
        .contains("Too many requests, please wait.");
    assertThat(text).doesNotContain("message_stop");
  }

  @Test
  void aStreamCutBeforeMessageStopEndsWithAnError() {
    StreamTranslator stream =
        StreamingClients.translator(ClientApi.COMPLETIONS, Dialect.BEDROCK, "m", true);
    byte[] start = frame("event", ":event-type", "messageStart", "{\"role\":\"assistant\"}");
    List<String> out = new ArrayList<>(stream.onBytes(start));
    // Half of a frame, then the connection ends.
    byte[] delta =
        frame(
            "event",
            ":event-type",
            "contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
    out.addAll(stream.onBytes(Arrays.copyOf(delta, delta.length / 2)));
    out.addAll(stream.onEnd());
    String text = String.join("", out);
    assertThat(text).contains("\"role\":\"assistant\"");
    assertThat(text).contains("\"error\"").doesNotContain("[DONE]");
  }

  @Test
  void aCorruptFrameIsAnErrorNotAHang() {
    StreamTranslator stream =
        StreamingClients.translator(ClientApi.COMPLETIONS, Dialect.BEDROCK, "m", false);
    byte[] bad = frame("event", ":event-type", "messageStart", "{\"role\":\"assistant\"}");
    bad[bad.length - 1] ^= 0x55; // breaks the message CRC
    List<String> out = new ArrayList<>();
    try {
      out.addAll(stream.onBytes(bad));
    } catch (RuntimeException e) {
      out.add(stream.onFailure(e));
    }
    out.addAll(stream.onEnd());
    assertThat(String.join("", out)).contains("\"error\"").doesNotContain("[DONE]");
  }
}
