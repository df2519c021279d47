package io.agw.gateway.llm.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.StreamingClients;
import io.agw.gateway.llm.provider.bedrock.BedrockCountTokens;
import io.agw.gateway.llm.provider.bedrock.BedrockEmbeddings;
import io.agw.gateway.llm.provider.bedrock.BedrockRequestMapper;
import io.agw.gateway.llm.provider.bedrock.BedrockResponseMapper;
import io.agw.gateway.llm.provider.bedrock.BedrockResponsesMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock translation table over the reference fixtures:
 *
 * <ul>
 *   <li>{@code requests/<client>/<case>.bedrock.json}: chat completions and Messages requests as
 *       Converse bodies, {@code count-tokens} as Bedrock's count-tokens body.
 *   <li>{@code requests/embeddings/<case>.bedrock-<family>.json}: embeddings bodies per model
 *       family.
 *   <li>{@code response/bedrock/<case>.bedrock-<client>.json}: Converse responses for each client.
 *   <li>{@code response/bedrock/<case>.bedrock-<client>-streaming.sse}: the binary event stream
 *       {@code <case>.bin}, fed to the translator in small pieces, as the client's SSE, with the
 *       usage of {@code -streaming.usage.json}.
 *   <li>{@code response/bedrock-titan|bedrock-cohere}: embedding model answers as OpenAI lists.
 * </ul>
 *
 * <p>The model named in outputs is the one the gateway called ({@value #MODEL} here, as in the
 * fixtures). Bedrock fixtures not used: {@code response/bedrock/rerank*} and {@code
 * response/detect/bedrock-*} (the rerank and detect route types are not supported yet).
 */
class BedrockGoldenTest {

  static final String MODEL = "input-model";

  /** Bytes per piece when feeding an event stream, so that frames are split across pieces. */
  private static final int PIECE = 5;

  /**
   * Reference cases this gateway deliberately does not follow, with the reason; each is checked
   * against {@code own/deviations/<same path>} and must still differ from the reference.
   */
  private static final String REASONING_ITEM =
      "The reference returns the model's reasoning as answer text (an output_text part of the"
          + " message). We return it as a 'reasoning' output item with a summary_text, as OpenAI"
          + " does, so that clients never show reasoning as the answer.";

  private static final String RESPONSES_EVENTS =
      "The reference names every SSE event 'event', writes reasoning as output_text deltas and"
          + " gives function calls a placeholder call_id. We name events by their type as OpenAI"
          + " does, stream reasoning as a reasoning item's summary, keep Bedrock's toolUseId as"
          + " call_id, send the content_part and *.done events the OpenAI SDKs' accumulators"
          + " expect, and put the whole output in response.completed.";

  static final Map<String, String> DEVIATIONS =
      Map.of(
          "requests/completions/full.bedrock.json",
          "The reference writes the forced tool as 'toolConfig.tool_choice'; the Converse API's"
              + " field is 'toolChoice' (ToolConfiguration.toolChoice), and Bedrock refuses unknown"
              + " fields.",
          "response/bedrock/reasoning.bedrock-responses.json",
          REASONING_ITEM,
          "response/bedrock/reasoning_unsigned.bedrock-responses.json",
          REASONING_ITEM,
          "response/bedrock/reasoning.bedrock-responses-streaming.sse",
          RESPONSES_EVENTS,
          "response/bedrock/tool.bedrock-responses-streaming.sse",
          RESPONSES_EVENTS);

  private static final BedrockRequestMapper TO_CONVERSE = new BedrockRequestMapper();
  private static final BedrockResponseMapper FROM_CONVERSE = new BedrockResponseMapper();
  private static final BedrockResponsesMapper RESPONSES = new BedrockResponsesMapper();

  static Stream<Arguments> requests() {
    return Stream.of(
            GoldenFiles.cases("requests/completions", ".bedrock.json", ".json")
                .map(c -> Arguments.of(c, chat())),
            GoldenFiles.cases("requests/messages", ".bedrock.json", ".json")
                .map(c -> Arguments.of(c, messages())),
            GoldenFiles.cases("requests/responses", ".bedrock.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, JsonNode>)
                                json ->
                                    WireJson.toTree(RESPONSES.toConverse(WireJson.tree(json))))),
            GoldenFiles.cases("requests/count-tokens", ".bedrock.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, JsonNode>)
                                json -> BedrockCountTokens.request(WireJson.tree(json)))),
            GoldenFiles.cases("requests/embeddings", ".bedrock-titan.json", ".json")
                .map(c -> Arguments.of(c, embeddings("amazon.titan-embed-text-v2:0"))),
            GoldenFiles.cases("requests/embeddings", ".bedrock-cohere.json", ".json")
                .map(c -> Arguments.of(c, embeddings("cohere.embed-english-v3"))),
            GoldenFiles.cases("requests/embeddings", ".bedrock-nova.json", ".json")
                .map(c -> Arguments.of(c, embeddings("amazon.nova-2-multimodal-embeddings-v1:0"))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void translatesRequest(GoldenFiles.Case golden, Function<String, JsonNode> translate) {
    compare(golden, translate.apply(GoldenFiles.read(golden.input())));
  }

  static Stream<Arguments> responses() {
    return Stream.of(
            GoldenFiles.cases("response/bedrock", ".bedrock-completions.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                json ->
                                    FROM_CONVERSE.toChatCompletion(
                                        WireJson.read(json, ConverseResponse.class), MODEL))),
            GoldenFiles.cases("response/bedrock", ".bedrock-messages.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                json ->
                                    FROM_CONVERSE.toMessages(
                                        WireJson.read(json, ConverseResponse.class), MODEL))),
            GoldenFiles.cases("response/bedrock", ".bedrock-responses.json", ".json")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (Function<String, Object>)
                                json ->
                                    RESPONSES.toResponse(
                                        WireJson.read(json, ConverseResponse.class), MODEL))),
            GoldenFiles.cases("response/bedrock-titan", ".bedrock-titan.json", ".json")
                .map(c -> Arguments.of(c, embeddingsResponse("amazon.titan-embed-text-v2:0"))),
            GoldenFiles.cases("response/bedrock-cohere", ".bedrock-cohere.json", ".json")
                .map(c -> Arguments.of(c, embeddingsResponse("cohere.embed-english-v3"))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void translatesResponse(GoldenFiles.Case golden, Function<String, Object> translate) {
    compare(golden, WireJson.toTree(translate.apply(GoldenFiles.read(golden.input()))));
  }

  static Stream<Arguments> streams() {
    return Stream.of(
            GoldenFiles.cases("response/bedrock", ".bedrock-completions-streaming.sse", ".bin")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (java.util.function.Supplier<StreamTranslator>)
                                () ->
                                    StreamingClients.translator(
                                        ClientApi.COMPLETIONS, Dialect.BEDROCK, MODEL, true))),
            GoldenFiles.cases("response/bedrock", ".bedrock-messages-streaming.sse", ".bin")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (java.util.function.Supplier<StreamTranslator>)
                                () ->
                                    StreamingClients.translator(
                                        ClientApi.MESSAGES, Dialect.BEDROCK, MODEL, false))),
            GoldenFiles.cases("response/bedrock", ".bedrock-responses-streaming.sse", ".bin")
                .map(
                    c ->
                        Arguments.of(
                            c,
                            (java.util.function.Supplier<StreamTranslator>)
                                () ->
                                    StreamingClients.translator(
                                        ClientApi.RESPONSES, Dialect.BEDROCK, MODEL, false))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void translatesStream(
      GoldenFiles.Case golden, java.util.function.Supplier<StreamTranslator> translator) {
    StreamTranslator stream = translator.get();
    byte[] bin = bytes(golden.input());
    StringBuilder sse = new StringBuilder();
    for (int i = 0; i < bin.length; i += PIECE) {
      byte[] piece = java.util.Arrays.copyOfRange(bin, i, Math.min(bin.length, i + PIECE));
      stream.onBytes(piece).forEach(sse::append);
    }
    stream.onEnd().forEach(sse::append);
    Path expectedFile = golden.expected();
    if (DEVIATIONS.containsKey(golden.name())) {
      assertFalse(
          GoldenFiles.read(expectedFile).equals(sse.toString()),
          "listed as a deviation but now equals the reference");
      expectedFile = GoldenFiles.llmRoot().resolve("own/deviations/" + golden.name());
      if (Boolean.getBoolean("golden.regenerate")) {
        write(expectedFile, sse.toString());
      }
    }
    List<SseEvent> expected = StreamGoldenTest.parseInPieces(GoldenFiles.read(expectedFile));
    List<SseEvent> actual = StreamGoldenTest.parseInPieces(sse.toString());
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
              + sse);
    }
    checkUsage(golden, stream.usage());
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

  private static void compare(GoldenFiles.Case golden, JsonNode actual) {
    Path expected = golden.expected();
    if (DEVIATIONS.containsKey(golden.name())) {
      assertFalse(
          JsonComparison.differences(GoldenFiles.readTree(expected), actual).isEmpty(),
          "listed as a deviation but now matches the reference: remove it from DEVIATIONS");
      expected = GoldenFiles.llmRoot().resolve("own/deviations/" + golden.name());
    }
    GoldenFiles.assertJsonMatches(golden.name(), GoldenFiles.readTree(expected), actual);
  }

  private static void checkUsage(GoldenFiles.Case golden, TokenUsage usage) {
    String sse = golden.expected().toString();
    Path usageFile = Path.of(sse.substring(0, sse.length() - ".sse".length()) + ".usage.json");
    JsonNode recorded = GoldenFiles.readTree(usageFile);
    JsonNode ours = WireJson.toTree(usage);
    ObjectNode expected = WireJson.nodes().objectNode();
    ObjectNode actual = WireJson.nodes().objectNode();
    for (String field : List.of("input_tokens", "output_tokens", "total_tokens")) {
      if (recorded.has(field)) {
        expected.set(field, recorded.get(field));
        actual.set(field, ours.get(field));
      }
    }
    GoldenFiles.assertJsonMatches(golden.name() + " usage", expected, actual);
  }

  private static Function<String, JsonNode> chat() {
    return json ->
        WireJson.toTree(TO_CONVERSE.toConverse(WireJson.read(json, ChatCompletionRequest.class)));
  }

  private static Function<String, JsonNode> messages() {
    return json ->
        WireJson.toTree(TO_CONVERSE.toConverse(WireJson.read(json, MessagesRequest.class)));
  }

  /** The gateway puts the upstream model in the body before translating. */
  private static Function<String, JsonNode> embeddings(String defaultModel) {
    return json -> {
      ObjectNode body = (ObjectNode) WireJson.tree(json);
      String model = body.path("model").asString("");
      if (!model.startsWith("cohere.") && !model.startsWith("amazon.")) {
        body.put("model", defaultModel);
      }
      return BedrockEmbeddings.request(body);
    };
  }

  private static Function<String, Object> embeddingsResponse(String model) {
    return json -> BedrockEmbeddings.response(WireJson.tree(json), model);
  }

  private static void write(Path target, String text) {
    try {
      // Written under target/test-classes; copy to src/test/resources after review.
      Files.createDirectories(target.getParent());
      Files.writeString(target, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
