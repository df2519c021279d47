package io.agw.gateway.llm.golden;

import io.agw.gateway.llm.provider.anthropic.AnthropicErrorMapper;
import io.agw.gateway.llm.provider.anthropic.AnthropicResponseMapper;
import io.agw.gateway.llm.provider.openai.OpenAiErrorMapper;
import io.agw.gateway.llm.provider.openai.OpenAiResponseMapper;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Non-streamed response table: {@code response/<upstream>/<case>.json} as the client receives it,
 * {@code <case>.<upstream>-<client>.json}.
 *
 * <ul>
 *   <li>{@code anthropic/*.messages-completions.json}: Anthropic response to an OpenAI client.
 *   <li>{@code completions/*.completions-messages.json}: OpenAI response to a Messages client.
 *   <li>{@code own/errors/anthropic/<status>-<case>.body} to {@code .messages-completions.json},
 *       and {@code own/errors/completions/<status>-<case>.body} to {@code
 *       .completions-messages.json}: raw error bodies (JSON or not) sent with the HTTP status that
 *       starts the case name.
 * </ul>
 */
class ResponseGoldenTest {

  private static final AnthropicResponseMapper FROM_ANTHROPIC = new AnthropicResponseMapper();
  private static final OpenAiResponseMapper FROM_OPENAI = new OpenAiResponseMapper();
  private static final AnthropicErrorMapper ANTHROPIC_ERRORS = new AnthropicErrorMapper();
  private static final OpenAiErrorMapper OPENAI_ERRORS = new OpenAiErrorMapper();

  static Stream<Arguments> cases() {
    return Stream.of(
            GoldenFiles.cases("response/anthropic", ".messages-completions.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                json ->
                                    FROM_ANTHROPIC.toChatCompletion(
                                        WireJson.read(json, MessagesResponse.class)))),
            GoldenFiles.cases("response/completions", ".completions-messages.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                json ->
                                    FROM_OPENAI.toMessages(
                                        WireJson.read(json, ChatCompletionResponse.class)))),
            GoldenFiles.cases("errors/anthropic", ".messages-completions.json", ".body")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                body -> ANTHROPIC_ERRORS.toOpenAi(status(c), body))),
            GoldenFiles.cases("errors/completions", ".completions-messages.json", ".body")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                body -> OPENAI_ERRORS.toAnthropic(status(c), body))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translatesResponse(GoldenFiles.Case golden, Function<String, Object> translate) {
    JsonNode actual = WireJson.toTree(translate.apply(GoldenFiles.read(golden.input())));
    GoldenFiles.assertJsonMatches(golden.name(), GoldenFiles.readTree(golden.expected()), actual);
  }

  private static int status(GoldenFiles.Case golden) {
    String file = golden.input().getFileName().toString();
    return Integer.parseInt(file.substring(0, file.indexOf('-')));
  }
}
