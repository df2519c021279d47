package io.agw.gateway.llm.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.anthropic.AnthropicStreamMapper;
import io.agw.gateway.llm.provider.openai.OpenAiStreamMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stream table: the raw upstream SSE in {@code response/<upstream>/<case>.json}, fed to the parser
 * in small pieces, mapped event by event, and written as SSE, must equal {@code
 * <case>.<upstream>-<client>-streaming.sse}; the usage recorded must match {@code
 * -streaming.usage.json}.
 *
 * <p>The usage files record more than token usage ({@code completion} text and {@code
 * output_messages} for request logging, which is not in this scope). The check is that every field
 * of {@link TokenUsage} present in the file has the same value; the mapper may report more (such as
 * {@code reasoning_tokens} or the service tier).
 */
class StreamGoldenTest {

  private static final int PIECE = 7;

  static Stream<Arguments> cases() {
    return Stream.of(
            GoldenFiles.cases("response/anthropic", ".messages-completions-streaming.sse", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c, (Function<List<SseEvent>, Result>) StreamGoldenTest::fromAnthropic)),
            GoldenFiles.cases(
                    "response/completions", ".completions-messages-streaming.sse", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c, (Function<List<SseEvent>, Result>) StreamGoldenTest::fromOpenAi)))
        .flatMap(s -> s);
  }

  record Result(String sse, TokenUsage usage) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesStream(GoldenFiles.Case golden, Function<List<SseEvent>, Result> translate) {
    Result result = translate.apply(parseInPieces(GoldenFiles.read(golden.input())));
    List<SseEvent> expected = parseInPieces(GoldenFiles.read(golden.expected()));
    List<SseEvent> actual = parseInPieces(result.sse());
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      SseEvent e = expected.get(i);
      SseEvent a = actual.get(i);
      assertEquals(e.event(), a.event(), golden.name() + " event " + i + " name");
      if (e.isDone() || a.isDone()) {
        assertEquals(e.data(), a.data(), golden.name() + " event " + i);
      } else {
        GoldenFiles.assertJsonMatches(
            golden.name() + " event " + i, WireJson.tree(e.data()), WireJson.tree(a.data()));
      }
    }
    if (expected.size() != actual.size()) {
      fail(
          golden.name()
              + ": expected "
              + expected.size()
              + " events but was "
              + actual.size()
              + "\n--- actual\n"
              + result.sse());
    }
    checkUsage(golden, result.usage());
  }

  private static void checkUsage(GoldenFiles.Case golden, TokenUsage usage) {
    String sse = golden.expected().toString();
    Path usageFile = Path.of(sse.substring(0, sse.length() - ".sse".length()) + ".usage.json");
    if (!Files.exists(usageFile)) {
      return;
    }
    JsonNode recorded = GoldenFiles.readTree(usageFile);
    JsonNode ours = WireJson.toTree(usage);
    ObjectNode expected = WireJson.nodes().objectNode();
    ObjectNode actual = WireJson.nodes().objectNode();
    for (String field : TOKEN_USAGE_FIELDS) {
      if (recorded.has(field)) {
        expected.set(field, recorded.get(field));
        actual.set(field, ours.get(field));
      }
    }
    GoldenFiles.assertJsonMatches(golden.name() + " usage", expected, actual);
  }

  private static final List<String> TOKEN_USAGE_FIELDS =
      List.of(
          "input_tokens",
          "output_tokens",
          "total_tokens",
          "cached_input_tokens",
          "cache_creation_input_tokens",
          "reasoning_tokens",
          "service_tier",
          "provider_model");

  static List<SseEvent> parseInPieces(String text) {
    SseParser parser = new SseParser();
    List<SseEvent> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += PIECE) {
      out.addAll(parser.feed(text.substring(i, Math.min(text.length(), i + PIECE))));
    }
    out.addAll(parser.finish());
    return out;
  }

  private static Result fromAnthropic(List<SseEvent> upstream) {
    AnthropicStreamMapper mapper = new AnthropicStreamMapper();
    StringBuilder sse = new StringBuilder();
    for (SseEvent event : upstream) {
      for (ChatCompletionChunk chunk : mapper.map(WireJson.read(event.data(), StreamEvent.class))) {
        sse.append(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
      }
    }
    for (ChatCompletionChunk chunk : mapper.finish()) {
      sse.append(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
    sse.append(SseWriter.write(SseEvent.done()));
    return new Result(sse.toString(), mapper.usage());
  }

  private static Result fromOpenAi(List<SseEvent> upstream) {
    OpenAiStreamMapper mapper = new OpenAiStreamMapper();
    StringBuilder sse = new StringBuilder();
    List<StreamEvent> events = new ArrayList<>();
    for (SseEvent event : upstream) {
      if (!event.isDone()) {
        events.addAll(mapper.map(WireJson.read(event.data(), ChatCompletionChunk.class)));
      }
    }
    events.addAll(mapper.finish());
    for (StreamEvent event : events) {
      sse.append(SseWriter.write(new SseEvent(event.type(), WireJson.write(event))));
    }
    return new Result(sse.toString(), mapper.usage());
  }
}
