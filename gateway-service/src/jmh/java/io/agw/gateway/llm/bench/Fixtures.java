package io.agw.gateway.llm.bench;

import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded LLM payloads of the golden tests ({@code src/test/resources/llm}, which the {@code
 * jmh} profile puts on the benchmark classpath under {@code /llm}).
 */
final class Fixtures {

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data events of a recorded SSE stream, framed once so a benchmark measures mapping. */
  static List<SseEvent> events(String name) {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(text(name)));
    events.addAll(parser.finish());
    return events;
  }
}
