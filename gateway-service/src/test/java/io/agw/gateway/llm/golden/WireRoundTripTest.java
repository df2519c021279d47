package io.agw.gateway.llm.golden;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every input document read into its wire record and written back is unchanged (nulls aside): the
 * records keep the fields they do not type.
 */
class WireRoundTripTest {

  static Stream<Arguments> documents() {
    return Stream.of(
            inputs("requests/completions", ChatCompletionRequest.class),
            inputs("requests/messages", MessagesRequest.class),
            inputs("response/completions", ChatCompletionResponse.class),
            inputs("response/anthropic", MessagesResponse.class))
        .flatMap(s -> s);
  }

  private static Stream<Arguments> inputs(String folder, Class<?> type) {
    return GoldenFiles.cases(folder, ".json", ".json")
        .filter(
            c ->
                c.input().getFileName().toString().indexOf('.')
                    == c.input().getFileName().toString().lastIndexOf('.'))
        .filter(c -> !c.input().getFileName().toString().startsWith("stream"))
        .map(c -> Arguments.of(c, type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void roundTrips(GoldenFiles.Case golden, Class<?> type) {
    String json = GoldenFiles.read(golden.input());
    JsonNode actual = WireJson.toTree(WireJson.read(json, type));
    JsonNode expected = WireJson.tree(json);
    // The one documented normalization: a chat request's stop string is written as a list.
    if (expected.path("stop").isString()) {
      ((ObjectNode) expected).set("stop", WireJson.nodes().arrayNode().add(expected.get("stop")));
    }
    GoldenFiles.assertJsonMatches(golden.name(), expected, actual);
  }
}
