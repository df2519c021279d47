package io.agw.gateway.llm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes every stream mapper with arbitrary upstream events: whatever the upstream sends, the
 * translator never throws out of {@link StreamTranslator#onBytes}, {@link StreamTranslator#onEnd}
 * or {@link StreamTranslator#usage}, and everything it sends the client is well-formed SSE whose
 * data is JSON (or OpenAI's {@code [DONE]}).
 *
 * <p>Input: the first byte picks the translation ({@link FuzzedTranslations#pick}), the second sets
 * the client's {@code stream_options.include_usage} (bit 0) and where the upstream bytes are cut in
 * two; the rest is the upstream stream as SSE text. For Bedrock, whose upstream speaks binary
 * event-stream frames, each SSE event of the input becomes one valid frame ({@code event:} names
 * its {@code :event-type}, {@code event: exception} makes an exception frame). Seeds: {@code
 * StreamTranslationFuzzTestInputs/translatesEveryStream}.
 */
class StreamTranslationFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void translatesEveryStream(byte[] input) {
    if (input.length < 2) {
      return;
    }
    FuzzedTranslations.Named named = FuzzedTranslations.pick(input[0]);
    int flags = Byte.toUnsignedInt(input[1]);
    ObjectNode clientBody = WireJson.nodes().objectNode().put("model", "m").put("stream", true);
    if ((flags & 1) != 0) {
      clientBody.withObject("stream_options").put("include_usage", true);
    }
    StreamTranslator translator;
    try {
      translator = named.translation().stream(clientBody);
    } catch (IllegalArgumentException doesNotStream) {
      return; // count_tokens and embeddings: the client gets a 400
    }
    byte[] sse = Arrays.copyOfRange(input, 2, input.length);
    byte[] upstream = named.name().endsWith("BEDROCK") ? frames(sse) : sse;
    int cut = upstream.length == 0 ? 0 : (flags >> 1) % (upstream.length + 1);

    List<String> sent = new ArrayList<>();
    assertThatCode(
            () -> {
              sent.addAll(translator.onBytes(Arrays.copyOfRange(upstream, 0, cut)));
              sent.addAll(translator.onBytes(Arrays.copyOfRange(upstream, cut, upstream.length)));
              sent.addAll(translator.onEnd());
              translator.usage();
            })
        .as(named.name())
        .doesNotThrowAnyException();

    SseParser client = new SseParser();
    List<SseEvent> events = new ArrayList<>();
    sent.forEach(text -> events.addAll(client.feed(text)));
    events.addAll(client.finish());
    for (SseEvent event : events) {
      if (!event.data().equals("[DONE]")) {
        assertThatCode(() -> WireJson.tree(event.data()))
            .as("%s sent %s", named.name(), event)
            .doesNotThrowAnyException();
      }
    }
    assertThat(events).as(named.name()).isNotNull();
  }

  /** The SSE events of {@code text} as AWS event-stream frames. */
  private static byte[] frames(byte[] text) {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(text));
    events.addAll(parser.finish());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SseEvent event : events) {
      Map<String, HeaderValue> headers = new LinkedHashMap<>();
      String name = event.event() == null ? "messageStart" : event.event();
      if (name.equals("exception")) {
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString("throttlingException"));
      } else {
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(name));
      }
      ByteBuffer frame =
          new Message(headers, event.data().getBytes(StandardCharsets.UTF_8)).toByteBuffer();
      byte[] bytes = new byte[frame.remaining()];
      frame.get(bytes);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
