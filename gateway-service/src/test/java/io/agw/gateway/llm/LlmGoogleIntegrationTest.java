package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.agw.gateway.llm.sim.GoogleSimulator;
import io.agw.gateway.llm.sim.GoogleTokenServer;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Gemini and Vertex AI behind the gateway, called by the official OpenAI and Anthropic Java SDKs
 * (responses and streams parsed by the SDKs, their stream accumulators included), with tools: a
 * Gemini route (API key in {@code x-goog-api-key}) and a Vertex AI route (Gemini and Claude models,
 * project and region in the path) whose Google credentials come from a service-account JSON whose
 * token endpoint is a local server. OpenAI Responses requests reach Gemini's OpenAI-compatible chat
 * endpoint (AI Studio and Vertex). The simulators record what arrived upstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmGoogleIntegrationTest {

  private static final GoogleSimulator GOOGLE = GoogleSimulator.start();
  private static final GoogleTokenServer TOKENS = GoogleTokenServer.start();

  /** The token server of the route whose backendAuth sits in the route backend's policies. */
  private static final GoogleTokenServer BACKEND_POLICY_TOKENS = GoogleTokenServer.start();

  private static final ProviderSimulator OPENAI_COMPATIBLE =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final int PORT = FreePorts.next();
  private static final String GEMINI_KEY = "gemini-gateway-secret";
  private static final String CLIENT_KEY = "sk-client-own-key";
  private static final String VERTEX_BASE =
      "/v1/projects/test-project/locations/us-central1/publishers/";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-google");
    Path credential = dir.resolve("service-account.json");
    Files.writeString(credential, TOKENS.serviceAccountJson());
    Path backendPolicyCredential = dir.resolve("backend-policy-service-account.json");
    Files.writeString(backendPolicyCredential, BACKEND_POLICY_TOKENS.serviceAccountJson());
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: gemini
                    matches: [{path: {pathPrefix: /gemini}}]
                    backends:
                      - ai:
                          name: gemini
                          provider: {gemini: {}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: %s}
                  - name: vertex
                    matches: [{path: {pathPrefix: /vertex}}]
                    backends:
                      - ai:
                          name: vertex
                          provider: {vertex: {projectId: test-project, region: us-central1}}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              gcp:
                                credential: {file: %s}
                  - name: vertex-backend-policies
                    matches: [{path: {pathPrefix: /backend-policies}}]
                    backends:
                      - ai:
                          name: vertex
                          provider: {vertex: {projectId: test-project, region: us-central1}}
                          hostOverride: %s
                        policies:
                          backendAuth:
                            gcp:
                              credential: {file: %s}
                  - name: custom
                    matches: [{path: {pathPrefix: /custom}}]
                    backends:
                      - ai:
                          name: local
                          provider:
                            custom:
                              providerOverride: vllm
                              formats: [{type: completions, path: /api/v2/chat/completions}]
                          hostOverride: %s
                          policies:
                            backendAuth:
                              key:
                                value: local-secret
                                location: {header: {name: X-Api-Token, prefix: "Token "}}
        """
            .formatted(
                PORT,
                GOOGLE.hostPort(),
                GEMINI_KEY,
                GOOGLE.hostPort(),
                credential,
                GOOGLE.hostPort(),
                backendPolicyCredential,
                OPENAI_COMPATIBLE.hostPort());
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @BeforeEach
  void clear() {
    GOOGLE.clear();
    OPENAI_COMPATIBLE.clear();
  }

  private static OpenAIClient openAi(String prefix) {
    return OpenAIOkHttpClient.builder()
        .apiKey(CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + PORT + prefix + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static AnthropicClient anthropic(String prefix) {
    return AnthropicOkHttpClient.builder()
        .apiKey(CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + PORT + prefix)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, boolean tools) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage("Be brief.")
            .addUserMessage("What is the weather?");
    if (tools) {
      params.addTool(
          ChatCompletionFunctionTool.builder()
              .function(
                  FunctionDefinition.builder()
                      .name("get_weather")
                      .description("Current weather in a city")
                      .parameters(
                          FunctionParameters.builder()
                              .putAdditionalProperty("type", JsonValue.from("object"))
                              .putAdditionalProperty(
                                  "properties",
                                  JsonValue.from(Map.of("location", Map.of("type", "string"))))
                              .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                              .build())
                      .build())
              .build());
    }
    return params;
  }

  private static MessageCreateParams messages(String model, boolean tools) {
    MessageCreateParams.Builder params =
        MessageCreateParams.builder()
            .model(model)
            .maxTokens(256)
            .system("Be brief.")
            .addUserMessage("What is the weather?");
    if (tools) {
      params.addTool(
          Tool.builder()
              .name("get_weather")
              .description("Current weather in a city")
              .inputSchema(
                  Tool.InputSchema.builder()
                      .properties(
                          Tool.InputSchema.Properties.builder()
                              .putAdditionalProperty(
                                  "location",
                                  com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                              .build())
                      .addRequired("location")
                      .build())
              .build());
    }
    return params.build();
  }

  private static ChatCompletion stream(OpenAIClient client, ChatCompletionCreateParams params) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int[] chunks = {0};
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> s =
        client.chat().completions().createStreaming(params)) {
      s.stream()
          .forEach(
              chunk -> {
                chunks[0]++;
                accumulator.accumulate(chunk);
              });
    }
    assertThat(chunks[0]).isGreaterThan(2);
    return accumulator.chatCompletion();
  }

  private static Message stream(AnthropicClient client, MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    int[] events = {0};
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> s =
        client.messages().createStreaming(params)) {
      s.stream()
          .forEach(
              event -> {
                events[0]++;
                accumulator.accumulate(event);
              });
    }
    assertThat(events[0]).isGreaterThan(3);
    return accumulator.message();
  }

  private static List<ChatCompletionMessageFunctionToolCall> calls(ChatCompletion c) {
    return c.choices().get(0).message().toolCalls().orElse(List.of()).stream()
        .map(ChatCompletionMessageToolCall::asFunction)
        .toList();
  }

  private static String text(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isText)
        .map(ContentBlock::asText)
        .map(TextBlock::text)
        .reduce("", String::concat);
  }

  private static List<ToolUseBlock> toolUses(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isToolUse)
        .map(ContentBlock::asToolUse)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> input(ToolUseBlock block) {
    return block._input().convert(Map.class);
  }

  private static void assertGeminiKey(ProviderSimulator.Received r) {
    assertThat(r.headers()).containsEntry("x-goog-api-key", GEMINI_KEY);
    assertThat(r.headers()).doesNotContainKey("authorization");
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  private static void assertVertexToken(ProviderSimulator.Received r) {
    assertThat(TOKENS.lastToken()).isNotNull();
    assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKENS.lastToken());
    assertThat(r.headers()).doesNotContainKeys("x-api-key", "x-goog-api-key");
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  @Test
  void openAiSdkToGemini() {
    ChatCompletion completion =
        openAi("/gemini").chat().completions().create(chat("gemini-2.5-pro", false).build());

    assertThat(completion.choices().get(0).message().content()).hasValue("The provider is Gemini.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.model()).isEqualTo("gemini-2.5-pro");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(8);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(6);

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
    assertGeminiKey(r);
    JsonNode body = r.json();
    assertThat(body.has("model")).isFalse();
    assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asString())
        .isEqualTo("Be brief.");
    assertThat(body.path("contents").get(0).path("role").asString()).isEqualTo("user");
    assertThat(body.path("contents").get(0).path("parts").get(0).path("text").asString())
        .isEqualTo("What is the weather?");
  }

  @Test
  void openAiSdkToGeminiWithTools() {
    ChatCompletion completion =
        openAi("/gemini").chat().completions().create(chat("gemini-tool", true).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(calls(completion))
        .extracting(c -> c.id(), c -> c.function().name(), c -> c.function().arguments())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "fc_get_weather_1", "get_weather", "{\"location\":\"Columbus\"}"));

    JsonNode declaration =
        GOOGLE.last().json().path("tools").get(0).path("functionDeclarations").get(0);
    assertThat(declaration.path("name").asString()).isEqualTo("get_weather");
    assertThat(declaration.path("parameters").path("properties").has("location")).isTrue();
    // Gemini refuses additionalProperties in a function schema: the gateway drops it.
    assertThat(declaration.path("parameters").has("additionalProperties")).isFalse();
  }

  @Test
  void openAiSdkStreamFromGeminiWithTools() {
    ChatCompletion completion =
        stream(
            openAi("/gemini"),
            chat("gemini-tool", true)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());

    assertThat(completion.choices().get(0).message().content()).hasValue("Checking both cities.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(calls(completion))
        .extracting(c -> c.id(), c -> c.function().arguments())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fc_paris", "{\"location\":\"Paris\"}"),
            org.assertj.core.groups.Tuple.tuple("fc_berlin", "{\"location\":\"Berlin\"}"));
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(42);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(24);

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/models/gemini-tool:streamGenerateContent?alt=sse");
    assertGeminiKey(r);
    assertThat(r.json().has("stream")).isFalse();
  }

  @Test
  void openAiSdkStreamFromVertexGemini() {
    ChatCompletion completion = stream(openAi("/vertex"), chat("gemini-2.5-flash", false).build());

    assertThat(completion.choices().get(0).message().content()).hasValue("Gemini is the provider.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    // The client did not ask for usage, so the usage-only chunk is not sent.
    assertThat(completion.usage()).isEmpty();

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri())
        .isEqualTo(VERTEX_BASE + "google/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    assertVertexToken(r);
    assertThat(TOKENS.scopes()).allMatch(s -> s.contains("auth/cloud-platform"));
  }

  @Test
  void openAiSdkResponsesOnGeminiGoToTheOpenAiCompatibleEndpoint() {
    com.openai.models.responses.Response response =
        openAi("/gemini")
            .responses()
            .create(
                com.openai.models.responses.ResponseCreateParams.builder()
                    .model("gemini-tool")
                    .instructions("Be brief.")
                    .input("What is the weather?")
                    .maxOutputTokens(256)
                    .addTool(
                        com.openai.models.responses.FunctionTool.builder()
                            .name("get_weather")
                            .strict(false)
                            .parameters(
                                com.openai.models.responses.FunctionTool.Parameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .build())
                            .build())
                    .build());

    assertThat(
            response.output().stream()
                .filter(com.openai.models.responses.ResponseOutputItem::isFunctionCall)
                .map(com.openai.models.responses.ResponseOutputItem::asFunctionCall)
                .map(c -> c.callId() + " " + c.name() + " " + c.arguments()))
        .containsExactly(
            "call_abc123 get_weather {\"location\": \"San Francisco\", \"unit\": \"celsius\"}",
            "call_xyz789 search_web {\"query\": \"Claude AI\"}");
    assertThat(response.status()).hasValue(com.openai.models.responses.ResponseStatus.COMPLETED);
    assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(25);
    assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(18);

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/openai/chat/completions");
    assertGeminiKey(r);
    JsonNode body = r.json();
    assertThat(body.path("model").asString()).isEqualTo("gemini-tool");
    assertThat(body.path("stream").asBoolean(true)).isFalse();
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("developer");
    assertThat(body.path("messages").get(1).path("content").get(0).path("text").asString())
        .isEqualTo("What is the weather?");
    assertThat(body.path("tools").get(0).path("function").path("name").asString())
        .isEqualTo("get_weather");
  }

  @Test
  void openAiSdkResponsesStreamFromGeminiOnVertex() {
    com.openai.helpers.ResponseAccumulator accumulator =
        com.openai.helpers.ResponseAccumulator.create();
    StringBuilder text = new StringBuilder();
    try (com.openai.core.http.StreamResponse<com.openai.models.responses.ResponseStreamEvent>
        stream =
            openAi("/vertex")
                .responses()
                .createStreaming(
                    com.openai.models.responses.ResponseCreateParams.builder()
                        .model("gemini-2.5-flash")
                        .input("Hi")
                        .build())) {
      stream.stream()
          .forEach(
              event -> {
                accumulator.accumulate(event);
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
              });
    }
    com.openai.models.responses.Response streamed = accumulator.response();

    assertThat(text.toString()).startsWith("Hi there! How can I help today?");
    assertThat(streamed.output().get(0).asMessage().content().get(0).asOutputText().text())
        .isEqualTo(text.toString());
    assertThat(streamed.usage().orElseThrow().inputTokens()).isEqualTo(18);
    assertThat(streamed.usage().orElseThrow().outputTokens()).isEqualTo(286);

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri())
        .isEqualTo(
            "/v1/projects/test-project/locations/us-central1/endpoints/openapi/chat/completions");
    assertVertexToken(r);
    assertThat(r.json().path("model").asString()).isEqualTo("google/gemini-2.5-flash");
    assertThat(r.json().path("stream").asBoolean()).isTrue();
    assertThat(r.json().path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void openAiSdkToClaudeOnVertexWithTools() {
    ChatCompletion completion =
        openAi("/vertex").chat().completions().create(chat("claude-tool", true).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(calls(completion))
        .extracting(c -> c.id(), c -> c.function().name())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("toolu_01Weather", "get_weather"));

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo(VERTEX_BASE + "anthropic/models/claude-tool:rawPredict");
    assertVertexToken(r);
    JsonNode body = r.json();
    assertThat(body.path("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
    assertThat(body.has("model")).isFalse();
    assertThat(body.path("tools").get(0).path("name").asString()).isEqualTo("get_weather");
  }

  @Test
  void anthropicSdkToGeminiWithTools() {
    Message message = anthropic("/gemini").messages().create(messages("gemini-tool", true));

    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    List<ToolUseBlock> uses = toolUses(message);
    assertThat(uses).hasSize(1);
    assertThat(uses.get(0).id()).isEqualTo("fc_get_weather_1");
    assertThat(input(uses.get(0))).containsEntry("location", "Columbus");
    assertThat(message.usage().inputTokens()).isEqualTo(20);
    assertThat(message.usage().outputTokens()).isEqualTo(8);

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/models/gemini-tool:generateContent");
    assertGeminiKey(r);
    assertThat(r.json().path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(256);
    assertThat(r.json().path("systemInstruction").toString()).contains("Be brief.");
  }

  @Test
  void anthropicSdkStreamFromGeminiWithTools() {
    Message message = stream(anthropic("/gemini"), messages("gemini-tool", true));

    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(message.content().get(0).isThinking()).isTrue();
    assertThat(message.content().get(0).asThinking().thinking())
        .isEqualTo("The user wants two cities.");
    assertThat(text(message)).isEqualTo("Checking both cities.");
    assertThat(toolUses(message))
        .extracting(ToolUseBlock::id, u -> input(u).get("location"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fc_paris", "Paris"),
            org.assertj.core.groups.Tuple.tuple("fc_berlin", "Berlin"));
    assertThat(message.usage().outputTokens()).isEqualTo(24);
  }

  @Test
  void anthropicSdkStreamFromClaudeOnVertexWithTools() {
    Message message = stream(anthropic("/vertex"), messages("claude-tool", true));

    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(text(message)).isEqualTo("Checking both.");
    assertThat(toolUses(message))
        .extracting(ToolUseBlock::id)
        .containsExactly("toolu_a", "toolu_b");

    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo(VERTEX_BASE + "anthropic/models/claude-tool:streamRawPredict");
    assertVertexToken(r);
    assertThat(r.json().path("stream").asBoolean()).isTrue();
    assertThat(r.json().path("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
  }

  @Test
  void anthropicSdkToGeminiOnVertex() {
    Message message = anthropic("/vertex").messages().create(messages("gemini-2.5-pro", false));

    assertThat(text(message)).isEqualTo("The provider is Gemini.");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(GOOGLE.last().uri())
        .isEqualTo(VERTEX_BASE + "google/models/gemini-2.5-pro:generateContent");
    assertVertexToken(GOOGLE.last());
  }

  @Test
  void backendAuthGcpInTheRouteBackendsPoliciesAuthenticatesLikeTheProvidersOwn() {
    Message message =
        anthropic("/backend-policies").messages().create(messages("gemini-2.5-pro", false));

    assertThat(text(message)).isEqualTo("The provider is Gemini.");
    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo(VERTEX_BASE + "google/models/gemini-2.5-pro:generateContent");
    assertThat(BACKEND_POLICY_TOKENS.issued()).isGreaterThanOrEqualTo(1);
    assertThat(r.headers())
        .containsEntry("authorization", "Bearer " + BACKEND_POLICY_TOKENS.lastToken());
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  @Test
  void vertexTokenIsFetchedOnceAndReused() {
    anthropic("/vertex").messages().create(messages("gemini-2.5-pro", false));
    int issued = TOKENS.issued();
    openAi("/vertex").chat().completions().create(chat("gemini-2.5-pro", false).build());
    anthropic("/vertex").messages().create(messages("claude-sonnet", false));

    assertThat(issued).isGreaterThanOrEqualTo(1);
    assertThat(TOKENS.issued()).isEqualTo(issued);
    assertThat(GOOGLE.received()).allSatisfy(LlmGoogleIntegrationTest::assertVertexToken);
  }

  @Test
  void countTokensOnGeminiAndOnClaudeOnVertex() {
    MessageCountTokensParams gemini =
        MessageCountTokensParams.builder()
            .model("gemini-2.5-pro")
            .addUserMessage("How many tokens?")
            .build();
    assertThat(anthropic("/gemini").messages().countTokens(gemini).inputTokens()).isEqualTo(17);
    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/models/gemini-2.5-pro:countTokens");
    assertThat(r.json().path("generateContentRequest").path("model").asString())
        .isEqualTo("models/gemini-2.5-pro");

    MessageCountTokensParams claude =
        MessageCountTokensParams.builder()
            .model("claude-sonnet-4-5")
            .addUserMessage("How many tokens?")
            .build();
    assertThat(anthropic("/vertex").messages().countTokens(claude).inputTokens()).isEqualTo(21);
    r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo(VERTEX_BASE + "anthropic/models/count-tokens:rawPredict");
    assertThat(r.json().path("model").asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(r.json().path("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
  }

  @Test
  void embeddingsOnGeminiAndVertex() {
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + PORT)
            .responseTimeout(Duration.ofSeconds(20))
            .build();
    client
        .post()
        .uri("/gemini/v1/embeddings")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"text-embedding-004\",\"input\":[\"a\",\"b\"],\"dimensions\":2}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.object")
        .isEqualTo("list")
        .jsonPath("$.data[1].embedding[0]")
        .isEqualTo(0.75)
        .jsonPath("$.model")
        .isEqualTo("text-embedding-004");
    ProviderSimulator.Received r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
    assertThat(r.json().path("requests")).hasSize(2);
    assertThat(r.json().path("requests").get(0).path("outputDimensionality").asInt()).isEqualTo(2);

    client
        .post()
        .uri("/vertex/v1/embeddings")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"text-embedding-005\",\"input\":\"hello\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data[0].embedding[1]")
        .isEqualTo(0.25)
        .jsonPath("$.usage.prompt_tokens")
        .isEqualTo(3);
    r = GOOGLE.last();
    assertThat(r.uri()).isEqualTo(VERTEX_BASE + "google/models/text-embedding-005:predict");
    assertThat(r.json().path("instances").get(0).path("content").asString()).isEqualTo("hello");
  }

  @Test
  void geminiErrorsReachTheClientInItsFormat() {
    assertThatThrownBy(
            () ->
                openAi("/gemini").chat().completions().create(chat("gemini-error", false).build()))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Resource has been exhausted");
    assertThatThrownBy(
            () -> anthropic("/gemini").messages().create(messages("gemini-error", false)))
        .isInstanceOf(com.anthropic.errors.RateLimitException.class)
        .hasMessageContaining("Resource has been exhausted");
  }

  @Test
  void aBrokenGeminiStreamEndsWithAnErrorEvent() {
    String body =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + PORT)
            .responseTimeout(Duration.ofSeconds(20))
            .build()
            .post()
            .uri("/gemini/v1/chat/completions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"model\":\"gemini-cut\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).contains("\"content\":\"Gemini\"");
    assertThat(body).contains("\"error\"");
    assertThat(body).doesNotContain("[DONE]");
  }

  @Test
  void openAiSdkToACustomProviderWithItsPathAndKeyHeader() {
    ChatCompletion completion =
        openAi("/custom").chat().completions().create(chat("local-model", false).build());
    assertThat(completion.choices().get(0).message().content().orElseThrow())
        .startsWith("Sorry, I couldn't find the name of the LLM provider.");

    ChatCompletion streamed =
        stream(
            openAi("/custom"),
            chat("local-model-tool", true)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());
    assertThat(calls(streamed))
        .extracting(c -> c.function().arguments())
        .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Berlin\"}");

    assertThat(OPENAI_COMPATIBLE.received())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.uri()).isEqualTo("/api/v2/chat/completions");
              assertThat(r.headers()).containsEntry("x-api-token", "Token local-secret");
              assertThat(r.headers()).doesNotContainKey("authorization");
            });
  }
}
