package io.agw.gateway.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private static final String STREAM =
      ": keep-alive comment\r\n"
          + "event: message_start\r\n"
          + "data: {\"text\":\"caf\u00e9 \u2019 \uD83D\uDE00\"}\r\n"
          + "\r\n"
          + "event:ping\n"
          + "data:{\"type\": \"ping\"}\n"
          + "\n"
          + "data: line one\r"
          + "data: line two\r"
          + "\r"
          + "event: ignored-without-data\n"
          + "\n"
          + "data: [DONE]\n"
          + "\n";

  private static final List<SseEvent> EXPECTED =
      List.of(
          new SseEvent("message_start", "{\"text\":\"caf\u00e9 \u2019 \uD83D\uDE00\"}"),
          new SseEvent("ping", "{\"type\": \"ping\"}"),
          SseEvent.data("line one\nline two"),
          SseEvent.done());

  @Test
  void parsesWholeText() {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(STREAM));
    events.addAll(parser.finish());
    assertThat(events).containsExactlyElementsOf(EXPECTED);
    assertThat(events.get(3).isDone()).isTrue();
  }

  @Test
  void parsesBytesSplitAtEveryBoundary() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= bytes.length; split++) {
      SseParser parser = new SseParser();
      List<SseEvent> events = new ArrayList<>(parser.feed(Arrays.copyOfRange(bytes, 0, split)));
      events.addAll(parser.feed(Arrays.copyOfRange(bytes, split, bytes.length)));
      events.addAll(parser.finish());
      assertThat(events).as("split at byte %d", split).containsExactlyElementsOf(EXPECTED);
    }
  }

  @Test
  void parsesOneByteAtATime() {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
      events.addAll(parser.feed(new byte[] {b}));
    }
    events.addAll(parser.finish());
    assertThat(events).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void parsesTextSplitAtEveryCharacter() {
    for (int split = 0; split <= STREAM.length(); split++) {
      SseParser parser = new SseParser();
      List<SseEvent> events = new ArrayList<>(parser.feed(STREAM.substring(0, split)));
      events.addAll(parser.feed(STREAM.substring(split)));
      events.addAll(parser.finish());
      assertThat(events).as("split at char %d", split).containsExactlyElementsOf(EXPECTED);
    }
  }

  @Test
  void emitsEventsAsSoonAsTheirBlankLineArrives() {
    SseParser parser = new SseParser();
    assertThat(parser.feed("data: a\n")).isEmpty();
    assertThat(parser.feed("\n")).containsExactly(SseEvent.data("a"));
  }

  @Test
  void dispatchesATrailingEventWithoutBlankLineAtFinish() {
    SseParser parser = new SseParser();
    assertThat(parser.feed("event: x\ndata: tail")).isEmpty();
    assertThat(parser.finish()).containsExactly(new SseEvent("x", "tail"));
  }

  @Test
  void writerOutputParsesBack() {
    SseEvent event = new SseEvent("message_delta", "{\"a\":1}\n{\"b\":2}");
    assertThat(SseWriter.write(event))
        .isEqualTo("event: message_delta\ndata: {\"a\":1}\ndata: {\"b\":2}\n\n");
    assertThat(new SseParser().feed(SseWriter.write(event))).containsExactly(event);
    assertThat(SseWriter.write(SseEvent.done())).isEqualTo("data: [DONE]\n\n");
  }
}
