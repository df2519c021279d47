package io.agw.gateway.llm.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.StreamingClients;
import io.agw.gateway.llm.provider.gemini.GeminiErrorMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Gemini streams and errors, this project's own cases ({@code own/response/gemini}, {@code
 * own/errors/gemini}): a raw {@code streamGenerateContent?alt=sse} body ({@code <case>.json}, one
 * of them with CRLF line ends as Google sends them) fed to the runtime stream translator in small
 * byte pieces must produce {@code <case>.gemini-completions-streaming.sse} for an OpenAI client
 * that asked for usage and {@code <case>.gemini-messages-streaming.sse} for an Anthropic client,
 * and record the usage of {@code <case>.gemini-completions-streaming.usage.json}. Error bodies
 * ({@code <status>-<case>.body}) must become {@code .gemini-completions.json} and {@code
 * .gemini-messages.json}.
 *
 * <p>Run with {@code -Dgolden.regenerate=true} to rewrite the expected files of these own cases
 * from the current output (then review the diff); reference cases are never rewritten.
 */
class GeminiStreamGoldenTest {

  private static final int PIECE = 11;
  private static final boolean REGENERATE = Boolean.getBoolean("golden.regenerate");
  private static final GeminiErrorMapper ERRORS = new GeminiErrorMapper();

  static Stream<Arguments> streams() {
    Supplier<StreamTranslator> chat =
        () ->
            StreamingClients.translator(
                ClientApi.COMPLETIONS, Dialect.GEMINI, "gemini-2.5-flash", true);
    Supplier<StreamTranslator> messages =
        () ->
            StreamingClients.translator(
                ClientApi.MESSAGES, Dialect.GEMINI, "gemini-2.5-flash", false);
    return Stream.concat(
        GoldenFiles.cases("response/gemini", ".gemini-completions-streaming.sse", ".json")
            .map(c -> Arguments.of(c, chat)),
        GoldenFiles.cases("response/gemini", ".gemini-messages-streaming.sse", ".json")
            .map(c -> Arguments.of(c, messages)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void translatesStream(GoldenFiles.Case golden, Supplier<StreamTranslator> translators)
      throws IOException {
    StreamTranslator translator = translators.get();
    byte[] upstream = GoldenFiles.read(golden.input()).getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < upstream.length; i += PIECE) {
      byte[] piece =
          java.util.Arrays.copyOfRange(upstream, i, Math.min(upstream.length, i + PIECE));
      translator.onBytes(piece).forEach(out::append);
    }
    translator.onEnd().forEach(out::append);
    if (REGENERATE) {
      Files.writeString(source(golden.expected()), out.toString());
    }
    List<SseEvent> expected = StreamGoldenTest.parseInPieces(GoldenFiles.read(golden.expected()));
    List<SseEvent> actual = StreamGoldenTest.parseInPieces(out.toString());
    assertEquals(expected.size(), actual.size(), golden.name() + " events:\n" + out);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).event(), actual.get(i).event(), golden.name() + " event " + i);
      if (expected.get(i).isDone() || actual.get(i).isDone()) {
        assertEquals(expected.get(i).data(), actual.get(i).data(), golden.name() + " event " + i);
      } else {
        GoldenFiles.assertJsonMatches(
            golden.name() + " event " + i,
            WireJson.tree(expected.get(i).data()),
            WireJson.tree(actual.get(i).data()));
      }
    }
    checkUsage(golden, translator.usage());
  }

  static Stream<Arguments> errors() {
    return Stream.concat(
        GoldenFiles.cases("errors/gemini", ".gemini-completions.json", ".body")
            .map(c -> Arguments.of(c, false)),
        GoldenFiles.cases("errors/gemini", ".gemini-messages.json", ".body")
            .map(c -> Arguments.of(c, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void translatesError(GoldenFiles.Case golden, boolean anthropicClient) throws IOException {
    String file = golden.input().getFileName().toString();
    int status = Integer.parseInt(file.substring(0, file.indexOf('-')));
    String body = GoldenFiles.read(golden.input());
    JsonNode actual =
        WireJson.toTree(
            anthropicClient ? ERRORS.toAnthropic(status, body) : ERRORS.toOpenAi(status, body));
    if (REGENERATE) {
      Files.writeString(source(golden.expected()), GoldenFiles.pretty(actual) + "\n");
    }
    GoldenFiles.assertJsonMatches(golden.name(), GoldenFiles.readTree(golden.expected()), actual);
  }

  private static void checkUsage(GoldenFiles.Case golden, TokenUsage usage) throws IOException {
    String sse = golden.expected().toString();
    Path file = Path.of(sse.substring(0, sse.length() - ".sse".length()) + ".usage.json");
    JsonNode actual = WireJson.toTree(usage);
    if (REGENERATE && golden.name().contains("completions")) {
      Files.writeString(source(file), GoldenFiles.pretty(actual) + "\n");
    }
    if (Files.exists(file)) {
      GoldenFiles.assertJsonMatches(golden.name() + " usage", GoldenFiles.readTree(file), actual);
    }
  }

  /** The source copy of a test resource, for regeneration. */
  private static Path source(Path resource) {
    Path relative = GoldenFiles.llmRoot().relativize(resource);
    Path root = Path.of("src/test/resources/llm");
    if (!relative.startsWith("own")) {
      throw new IllegalStateException("reference cases are never regenerated: " + relative);
    }
    return root.resolve(relative);
  }
}
