package io.agw.gateway.llm.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.gemini.GeminiRequestMapper;
import io.agw.gateway.llm.provider.gemini.GeminiResponseMapper;
import io.agw.gateway.llm.provider.gemini.VertexEmbeddingsMapper;
import io.agw.gateway.llm.provider.openai.OpenAiRequestMapper;
import io.agw.gateway.llm.provider.openai.responses.ResponsesToChatMapper;
import io.agw.gateway.llm.provider.vertex.VertexAnthropicEnvelope;
import io.agw.gateway.llm.registry.Translations;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.MessagesRequest;
import io.agw.gateway.llm.wire.gemini.GenerateContentRequest;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionRequest;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Gemini and Vertex AI table over the reference corpus:
 *
 * <ul>
 *   <li>{@code requests/completions/*.vertex-gemini.json}: chat request to Gemini {@code
 *       generateContent} (the same body for AI Studio and Vertex AI).
 *   <li>{@code own/requests/messages/*.gemini.json}: Anthropic Messages request to Gemini (through
 *       the Messages-to-chat mapper, as the gateway does).
 *   <li>{@code requests/gemini/*.gemini-native.json}: a native Gemini request read and written
 *       back, unknown fields included (native passthrough).
 *   <li>{@code requests/messages/*.vertex.json}: Messages request to a Claude model on Vertex AI
 *       (Anthropic body in Vertex's envelope).
 *   <li>{@code requests/count-tokens/*.vertex.json}: token counting on Vertex AI, with the model
 *       the reference pins for it ({@code anthropic/claude-sonnet-4-5}).
 *   <li>{@code requests/embeddings/*.vertex.json}: embeddings request to Vertex {@code predict}.
 *   <li>{@code requests/responses/*.gemini.json}: OpenAI Responses request to Gemini's
 *       OpenAI-compatible chat completions endpoint (a chat completions body).
 *   <li>{@code response/vertex-gemini/*.vertex-gemini-completions.json}: Gemini response to an
 *       OpenAI client; {@code *.gemini-native.json}: the response read and written back.
 * </ul>
 *
 * Every Gemini case of the corpus is matched.
 */
class GeminiGoldenTest {

  private static final GeminiRequestMapper TO_GEMINI = new GeminiRequestMapper();
  private static final GeminiResponseMapper FROM_GEMINI = new GeminiResponseMapper();
  private static final ResponsesToChatMapper RESPONSES_TO_CHAT = new ResponsesToChatMapper();
  private static final OpenAiRequestMapper MESSAGES_TO_CHAT = new OpenAiRequestMapper();
  private static final VertexEmbeddingsMapper VERTEX_EMBEDDINGS = new VertexEmbeddingsMapper();

  /** The model the reference pins for its Vertex token-counting cases. */
  private static final String VERTEX_COUNT_MODEL = "anthropic/claude-sonnet-4-5";

  static Stream<Arguments> cases() {
    return Stream.of(
            table(
                "requests/completions",
                ".vertex-gemini.json",
                json ->
                    WireJson.toTree(
                        TO_GEMINI.toGenerateContent(
                            WireJson.read(json, ChatCompletionRequest.class)))),
            table(
                "requests/messages",
                ".gemini.json",
                json ->
                    WireJson.toTree(
                        TO_GEMINI.toGenerateContent(
                            MESSAGES_TO_CHAT.toChatCompletion(
                                WireJson.read(json, MessagesRequest.class))))),
            table(
                "requests/responses",
                ".gemini.json",
                json -> RESPONSES_TO_CHAT.toChat(WireJson.tree(json))),
            table(
                "requests/gemini",
                ".gemini-native.json",
                json -> WireJson.toTree(WireJson.read(json, GenerateContentRequest.class))),
            table(
                "requests/messages",
                ".vertex.json",
                json -> vertexAnthropic(json, ClientApi.MESSAGES, null)),
            table(
                "requests/count-tokens",
                ".vertex.json",
                json -> vertexAnthropic(json, ClientApi.COUNT_TOKENS, VERTEX_COUNT_MODEL)),
            table(
                "requests/embeddings",
                ".vertex.json",
                json -> VERTEX_EMBEDDINGS.toPredict(WireJson.tree(json))),
            table(
                "response/vertex-gemini",
                ".vertex-gemini-completions.json",
                json ->
                    WireJson.toTree(
                        FROM_GEMINI.toChatCompletion(
                            WireJson.read(json, GenerateContentResponse.class), "unused"))),
            table(
                "response/vertex-gemini",
                ".gemini-native.json",
                json -> WireJson.toTree(WireJson.read(json, GenerateContentResponse.class))))
        .flatMap(s -> s);
  }

  private static Stream<Arguments> table(
      String folder, String suffix, Function<String, JsonNode> translate) {
    return GoldenFiles.cases(folder, suffix, ".json").map(c -> Arguments.of(c, translate));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translates(GoldenFiles.Case golden, Function<String, JsonNode> translate) {
    JsonNode actual = translate.apply(GoldenFiles.read(golden.input()));
    GoldenFiles.assertJsonMatches(golden.name(), GoldenFiles.readTree(golden.expected()), actual);
  }

  @Test
  void responsesOnGeminiGoToTheOpenAiCompatibleEndpoint() throws Exception {
    try (Stream<java.nio.file.Path> files =
        Files.list(GoldenFiles.llmRoot().resolve("requests/responses"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".gemini.json"))).hasSize(5);
    }
    assertThat(Translations.of(ClientApi.RESPONSES, Dialect.GEMINI))
        .get()
        .extracting(t -> t.upstreamApi())
        .isEqualTo(ClientApi.RESPONSES);
  }

  /** The Anthropic body as sent (parsed and written back) in Vertex's envelope. */
  private static JsonNode vertexAnthropic(String json, ClientApi api, String pinnedModel) {
    ObjectNode body = (ObjectNode) WireJson.toTree(WireJson.read(json, MessagesRequest.class));
    if (pinnedModel != null) {
      body.put("model", pinnedModel);
    }
    VertexAnthropicEnvelope.apply(body, api);
    return body;
  }
}
