package io.agw.gateway.llm.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agw.gateway.llm.provider.anthropic.AnthropicRequestMapper;
import io.agw.gateway.llm.provider.openai.OpenAiRequestMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Request translation table: {@code requests/<client>/<case>.json} translated for a backend must
 * equal {@code <case>.<backend>.json}.
 *
 * <ul>
 *   <li>{@code completions/*.anthropic.json}: OpenAI chat request to Anthropic Messages.
 *   <li>{@code messages/*.completions.json}: Anthropic Messages request to OpenAI chat.
 *   <li>{@code messages/*.anthropic.json}: Messages request passed through (parse and write back).
 * </ul>
 */
class RequestGoldenTest {

  /**
   * Reference cases whose convention this gateway deliberately does not follow, with the reason.
   * Each is checked against {@code own/deviations/<same path>} instead, and must still differ from
   * the reference (so a stale entry fails).
   */
  static final Map<String, String> DEVIATIONS =
      Map.of(
          "requests/completions/tool-call.anthropic.json",
          "The reference sends each tool message as its own user turn. We merge consecutive tool"
              + " results into one user turn: Anthropic's tool-use guide asks for all results of"
              + " parallel calls in a single message, and separate turns teach the model to stop"
              + " calling tools in parallel.");

  private static final AnthropicRequestMapper TO_ANTHROPIC = new AnthropicRequestMapper();
  private static final OpenAiRequestMapper TO_OPENAI = new OpenAiRequestMapper();

  static Stream<Arguments> cases() {
    return Stream.of(
            GoldenFiles.cases("requests/completions", ".anthropic.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c, translator(ChatCompletionRequest.class, TO_ANTHROPIC::toMessages))),
            GoldenFiles.cases("requests/messages", ".completions.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c, translator(MessagesRequest.class, TO_OPENAI::toChatCompletion))),
            GoldenFiles.cases("requests/messages", ".anthropic.json", ".json")
                .map(c -> Arguments.of(c, translator(MessagesRequest.class, r -> r))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesRequest(GoldenFiles.Case golden, Function<String, JsonNode> translate) {
    JsonNode actual = translate.apply(GoldenFiles.read(golden.input()));
    Path expected = golden.expected();
    if (DEVIATIONS.containsKey(golden.name())) {
      Path ours = GoldenFiles.llmRoot().resolve("own/deviations/" + golden.name());
      assertFalse(
          JsonComparison.differences(GoldenFiles.readTree(expected), actual).isEmpty(),
          "listed as a deviation but now matches the reference: remove it from DEVIATIONS");
      expected = ours;
    }
    GoldenFiles.assertJsonMatches(golden.name(), GoldenFiles.readTree(expected), actual);
  }

  @Test
  void deviationsNameExistingCasesAndHaveOurExpectedOutput() {
    GoldenFiles.assertDeviationsExist(DEVIATIONS);
    for (String path : DEVIATIONS.keySet()) {
      assertTrue(
          Files.exists(GoldenFiles.llmRoot().resolve("own/deviations/" + path)),
          "missing own/deviations/" + path);
    }
  }

  private static <T, R> Function<String, JsonNode> translator(
      Class<T> type, Function<T, R> mapper) {
    return json -> WireJson.toTree(mapper.apply(WireJson.read(json, type)));
  }
}
