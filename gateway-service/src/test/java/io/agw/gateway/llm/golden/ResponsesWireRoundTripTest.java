package io.agw.gateway.llm.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The Responses output records read and write real Responses documents unchanged (nulls aside), and
 * read every type the gateway builds as its own record rather than as an unknown one. Documents:
 * OpenAI answers ({@code own/response/responses}: a response with reasoning, text, a refusal, a
 * function call and a built-in tool call, and streams with every event kind, unknown ones
 * included), the simulator's body, and the Responses outputs of the Bedrock golden cases (reference
 * and own). The fixtures' {@code "[date]"} placeholder is read as 0.
 */
class ResponsesWireRoundTripTest {

  private static final Set<String> TYPED_ITEMS = Set.of("message", "function_call", "reasoning");

  static Stream<Path> responses() {
    return Stream.of(
            files("own/response/responses", "/basic.json"),
            files("simulator", "responses.json"),
            files("response/bedrock", ".bedrock-responses.json"),
            files("own/deviations/response/bedrock", ".bedrock-responses.json"))
        .flatMap(s -> s);
  }

  static Stream<Path> streams() {
    return Stream.of(
            files("own/response/responses", ".json")
                .filter(p -> p.getFileName().toString().startsWith("stream_")),
            files("response/bedrock", ".bedrock-responses-streaming.sse"),
            files("own/deviations/response/bedrock", ".bedrock-responses-streaming.sse"))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responseRoundTrips(Path file) {
    JsonNode expected = WireJson.tree(read(file));

    ResponsesResponse response = WireJson.read(read(file), ResponsesResponse.class);

    GoldenFiles.assertJsonMatches(name(file), expected, WireJson.toTree(response));
    assertTyped(response);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void streamEventsRoundTrip(Path file) {
    List<SseEvent> events = StreamGoldenTest.parseInPieces(read(file));
    assertThat(events).isNotEmpty();
    for (SseEvent event : events) {
      JsonNode expected = WireJson.tree(event.data());

      ResponsesStreamEvent parsed = WireJson.read(event.data(), ResponsesStreamEvent.class);

      String what = name(file) + " " + expected.path("type").asString();
      GoldenFiles.assertJsonMatches(what, expected, WireJson.toTree(parsed));
      assertThat(parsed.type()).as(what).isEqualTo(expected.path("type").asString());
      if (expected.path("type").asString().startsWith("response.output_text.annotation")) {
        assertThat(parsed).as(what).isInstanceOf(ResponsesStreamEvent.Unknown.class);
      } else {
        assertThat(parsed).as(what).isNotInstanceOf(ResponsesStreamEvent.Unknown.class);
      }
      if (parsed instanceof ResponsesStreamEvent.Lifecycle l) {
        assertTyped(l.response());
      } else if (parsed instanceof ResponsesStreamEvent.OutputItem i) {
        assertTyped(i.item());
      } else if (parsed instanceof ResponsesStreamEvent.ContentPart p) {
        assertThat(p.part()).as(what).isInstanceOf(ResponseContent.OutputText.class);
      }
    }
  }

  private static void assertTyped(ResponsesResponse response) {
    assertThat(response.object()).isEqualTo(ResponsesResponse.OBJECT);
    response.output().forEach(ResponsesWireRoundTripTest::assertTyped);
  }

  private static void assertTyped(ResponseItem item) {
    if (TYPED_ITEMS.contains(item.type())) {
      assertThat(item).as(item.type()).isNotInstanceOf(ResponseItem.Unknown.class);
    }
    if (item instanceof ResponseItem.Message m) {
      for (ResponseContent part : m.content()) {
        if (part.type().equals("output_text")) {
          assertThat(part).isInstanceOf(ResponseContent.OutputText.class);
        }
      }
    }
  }

  private static Stream<Path> files(String folder, String suffix) {
    Path dir = GoldenFiles.llmRoot().resolve(folder);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> name(p).endsWith(suffix)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path file) {
    return GoldenFiles.llmRoot().relativize(file).toString();
  }

  private static String read(Path file) {
    return GoldenFiles.read(file).replace("\"[date]\"", "0");
  }
}
