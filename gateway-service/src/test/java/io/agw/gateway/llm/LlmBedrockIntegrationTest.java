package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.agw.gateway.llm.sim.BedrockSimulator;
import io.agw.gateway.llm.sim.CopilotSimulator;
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
 * Bedrock and Copilot providers end to end: the official OpenAI and Anthropic Java SDKs call the
 * gateway, which signs Converse / ConverseStream calls with SigV4 for a Bedrock simulator that
 * verifies the signature with the AWS SDK and streams binary event-stream frames, and which
 * exchanges a GitHub token for Copilot session tokens at a Copilot simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmBedrockIntegrationTest {

  private static final String ACCESS_KEY = "AKIAGATEWAYTEST";
  private static final String SECRET_KEY = "gateway-test-secret-key";
  private static final String GITHUB_TOKEN = "ghu_gateway_test_token";
  private static final String CLIENT_KEY = "sk-client-own-key";

  static final BedrockSimulator BEDROCK =
      BedrockSimulator.start(ACCESS_KEY, SECRET_KEY, "us-east-1");
  static final CopilotSimulator COPILOT = CopilotSimulator.start(GITHUB_TOKEN, 1800);

  /** Its session tokens expire within the early-refresh window: every request exchanges anew. */
  static final CopilotSimulator SHORT_COPILOT = CopilotSimulator.start(GITHUB_TOKEN, 60);

  static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: bedrock
                    matches: [{path: {pathPrefix: /bedrock}}]
                    backends:
                      - ai:
                          name: bedrock
                          provider: {bedrock: {region: us-east-1}}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              aws: {accessKeyId: %s, secretAccessKey: %s}
                  - name: bedrock-backend-policies
                    matches: [{path: {pathPrefix: /backend-policies}}]
                    backends:
                      - ai:
                          name: bedrock
                          provider: {bedrock: {region: us-east-1}}
                          hostOverride: %s
                        policies:
                          backendAuth:
                            aws: {accessKeyId: %s, secretAccessKey: %s}
                  - name: badsig
                    matches: [{path: {pathPrefix: /badsig}}]
                    backends:
                      - ai:
                          name: bedrock
                          provider: {bedrock: {region: us-east-1}}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              aws: {accessKeyId: %s, secretAccessKey: not-the-secret}
                  - name: copilot
                    matches: [{path: {pathPrefix: /copilot}}]
                    backends:
                      - ai:
                          name: copilot
                          provider: {copilot: {tokenUrl: "%s"}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: %s}
                  - name: short
                    matches: [{path: {pathPrefix: /short}}]
                    backends:
                      - ai:
                          name: copilot
                          provider: {copilot: {tokenUrl: "%s"}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: %s}
        """
            .formatted(
                PORT,
                BEDROCK.hostPort(),
                ACCESS_KEY,
                SECRET_KEY,
                BEDROCK.hostPort(),
                ACCESS_KEY,
                SECRET_KEY,
                BEDROCK.hostPort(),
                ACCESS_KEY,
                COPILOT.tokenUrl(),
                COPILOT.hostPort(),
                GITHUB_TOKEN,
                SHORT_COPILOT.tokenUrl(),
                SHORT_COPILOT.hostPort(),
                GITHUB_TOKEN);
    Path file = Files.createTempDirectory("agw-bedrock").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  private final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void clear() {
    BEDROCK.clear();
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

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addUserMessage("Play the top song")
        .addTool(
            ChatCompletionFunctionTool.builder()
                .function(
                    FunctionDefinition.builder()
                        .name("top_song")
                        .description("The top song of a radio station")
                        .parameters(
                            FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                    "properties",
                                    JsonValue.from(Map.of("sign", Map.of("type", "string"))))
                                .build())
                        .build())
                .build());
  }

  private static MessageCreateParams messages(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(512)
        .addUserMessage("Play the top song")
        .addTool(
            Tool.builder()
                .name("top_song")
                .inputSchema(
                    Tool.InputSchema.builder()
                        .properties(
                            Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty(
                                    "sign",
                                    com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                                .build())
                        .build())
                .build())
        .build();
  }

  private static List<String> arguments(ChatCompletion completion) {
    return completion.choices().get(0).message().toolCalls().orElse(List.of()).stream()
        .map(ChatCompletionMessageToolCall::asFunction)
        .map(c -> c.function().name() + " " + c.function().arguments())
        .toList();
  }

  private static void assertSignedConverse(BedrockSimulator.Received r, String path) {
    assertThat(r.signed()).as("SigV4 signature verified by the simulator").isTrue();
    assertThat(r.uri()).isEqualTo(path);
    assertThat(r.headers().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY);
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  @Test
  void openAiSdkToBedrockWithTools() {
    ChatCompletion completion =
        openAi("/bedrock").chat().completions().create(chat("anthropic.claude-tool-v1:0").build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(arguments(completion))
        .containsExactly("top_song {\"sign\":\"WZPZ\"}", "hello {\"sign\":\"world\"}");
    assertThat(completion.model()).isEqualTo("anthropic.claude-tool-v1:0");

    BedrockSimulator.Received r = BEDROCK.last();
    assertSignedConverse(r, "/model/anthropic.claude-tool-v1%3A0/converse");
    JsonNode body = r.json();
    assertThat(body.has("model")).isFalse();
    assertThat(body.path("messages").get(0).path("content").get(0).path("text").asString())
        .isEqualTo("Play the top song");
    assertThat(
            body.path("toolConfig").path("tools").get(0).path("toolSpec").path("name").asString())
        .isEqualTo("top_song");
    assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(4096);
  }

  @Test
  void backendAuthAwsInTheRouteBackendsPoliciesSignsLikeTheProvidersOwn() {
    ChatCompletion completion =
        openAi("/backend-policies")
            .chat()
            .completions()
            .create(chat("anthropic.claude-tool-v1:0").build());

    assertThat(arguments(completion)).contains("top_song {\"sign\":\"WZPZ\"}");
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-tool-v1%3A0/converse");
  }

  @Test
  void openAiSdkStreamFromBedrockWithTools() {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int[] chunks = {0};
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
        openAi("/bedrock")
            .chat()
            .completions()
            .createStreaming(
                chat("anthropic.claude-tool-v1:0")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks[0]++;
                accumulator.accumulate(chunk);
              });
    }
    ChatCompletion completion = accumulator.chatCompletion();

    assertThat(chunks[0]).isGreaterThan(5);
    assertThat(completion.choices().get(0).message().content()).hasValue("I'll call both tools.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(arguments(completion))
        .containsExactly("top_song {\"sign\":\"WZPZ\"}", "hello {\"sign\":\"world\"}");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(150);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(45);
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-tool-v1%3A0/converse-stream");
  }

  @Test
  void anthropicSdkToBedrockWithReasoning() {
    Message message = anthropic("/bedrock").messages().create(messages("anthropic.claude-v1"));

    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.content()).hasSize(2);
    assertThat(message.content().get(0).thinking().orElseThrow().thinking())
        .isEqualTo("Two plus two is four.");
    assertThat(message.content().get(0).thinking().orElseThrow().signature())
        .isEqualTo("SIG-xyz==");
    assertThat(message.content().get(1).text().orElseThrow().text()).isEqualTo("The answer is 4.");
    assertThat(message.usage().inputTokens()).isEqualTo(18);
    assertThat(message.usage().outputTokens()).isEqualTo(46);

    BedrockSimulator.Received r = BEDROCK.last();
    assertSignedConverse(r, "/model/anthropic.claude-v1/converse");
    assertThat(r.json().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(512);
  }

  /**
   * A Messages client's {@code cache_control} marks (system, message and tool), {@code top_k} and
   * {@code metadata} reach Bedrock as the own golden case says: {@code cachePoint} blocks and
   * {@code additionalModelRequestFields}, the model in the path.
   */
  @Test
  void cacheControlTopKAndMetadataReachBedrockAsTheGoldenCaseSays() throws Exception {
    String request = resource("/llm/own/requests/messages/prompt-cache.json");
    gateway
        .post()
        .uri("/bedrock/v1/messages")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(request.replace("claude-sonnet-4-5", "anthropic.claude-v1"))
        .exchange()
        .expectStatus()
        .isOk();

    BedrockSimulator.Received r = BEDROCK.last();
    assertSignedConverse(r, "/model/anthropic.claude-v1/converse");
    assertThat(r.json())
        .isEqualTo(
            io.agw.gateway.llm.wire.WireJson.tree(
                resource("/llm/own/requests/messages/prompt-cache.bedrock.json")));
  }

  private static String resource(String name) throws java.io.IOException {
    try (var in = LlmBedrockIntegrationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void anthropicSdkStreamFromBedrockWithTools() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        anthropic("/bedrock").messages().createStreaming(messages("anthropic.claude-tool-v1:0"))) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message message = accumulator.message();

    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    List<ContentBlock> content = message.content();
    assertThat(content).hasSize(3);
    assertThat(content.get(0).text().orElseThrow().text()).isEqualTo("I'll call both tools.");
    assertThat(content.get(1).toolUse().orElseThrow().name()).isEqualTo("top_song");
    assertThat(content.get(1).toolUse().orElseThrow()._input().toString()).contains("WZPZ");
    assertThat(content.get(2).toolUse().orElseThrow().id()).isEqualTo("tooluse_kZJMlvQmRJ6eAyxxx");
    assertThat(message.usage().outputTokens()).isEqualTo(45);
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-tool-v1%3A0/converse-stream");
  }

  @Test
  void aBadSignatureIsRefusedByTheSimulatorAndReportedInTheClientsFormat() {
    gateway
        .post()
        .uri("/badsig/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"anthropic.claude-v1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isEqualTo(403)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("permission_error")
        .jsonPath("$.error.message")
        .value(m -> assertThat((String) m).contains("signature"));
    assertThat(BEDROCK.last().signed()).isFalse();
  }

  @Test
  void embeddingsAndTokenCountingOnBedrock() {
    gateway
        .post()
        .uri("/bedrock/v1/embeddings")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"amazon.titan-embed-text-v2:0\",\"input\":\"hello world\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data[0].embedding.length()")
        .isEqualTo(3)
        .jsonPath("$.usage.prompt_tokens")
        .isEqualTo(3);
    assertSignedConverse(BEDROCK.last(), "/model/amazon.titan-embed-text-v2%3A0/invoke");
    assertThat(BEDROCK.last().json().path("inputText").asString()).isEqualTo("hello world");

    gateway
        .post()
        .uri("/bedrock/v1/messages/count_tokens")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"anthropic.claude-v1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.input_tokens")
        .isEqualTo(12);
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-v1/count-tokens");
  }

  @Test
  void copilotExchangesTheGithubTokenOnceAndSendsItsHeaders() {
    int before = COPILOT.exchanges();
    for (int i = 0; i < 2; i++) {
      ChatCompletion completion =
          openAi("/copilot")
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder()
                      .model("gpt-4o")
                      .addUserMessage("Which provider?")
                      .build());
      assertThat(completion.choices().get(0).message().content().orElseThrow())
          .startsWith("Sorry, I couldn't find the name of the LLM provider.");
    }
    // The session token is cached until it nears its expiry.
    assertThat(COPILOT.exchanges() - before).isLessThanOrEqualTo(1);
    CopilotSimulator.Received chat = COPILOT.last();
    assertThat(chat.uri()).isEqualTo("/chat/completions");
    assertThat(chat.headers().get("authorization")).startsWith("Bearer tid=session-");
    assertThat(chat.headers()).containsEntry("copilot-integration-id", "vscode-chat");
    assertThat(chat.headers()).containsKey("editor-version");
    assertThat(chat.headers().toString()).doesNotContain(CLIENT_KEY).doesNotContain(GITHUB_TOKEN);

    Message message =
        anthropic("/copilot")
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model("claude-sonnet-4")
                    .maxTokens(100)
                    .addUserMessage("Hello")
                    .build());
    assertThat(message.content().get(0).text().orElseThrow().text()).isNotBlank();
    assertThat(COPILOT.last().uri()).isEqualTo("/v1/messages");
  }

  @Test
  void copilotRefreshesASessionTokenNearItsExpiry() {
    int before = SHORT_COPILOT.exchanges();
    for (int i = 0; i < 2; i++) {
      openAi("/short")
          .chat()
          .completions()
          .create(
              ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hi").build());
    }
    assertThat(SHORT_COPILOT.exchanges() - before).isEqualTo(2);
  }

  private static com.openai.models.responses.ResponseCreateParams responsesParams(String model) {
    return com.openai.models.responses.ResponseCreateParams.builder()
        .model(model)
        .input("Play the top song")
        .addTool(
            com.openai.models.responses.FunctionTool.builder()
                .name("top_song")
                .strict(false)
                .parameters(
                    com.openai.models.responses.FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .build())
                .build())
        .build();
  }

  private static List<String> functionCalls(com.openai.models.responses.Response response) {
    return response.output().stream()
        .filter(com.openai.models.responses.ResponseOutputItem::isFunctionCall)
        .map(com.openai.models.responses.ResponseOutputItem::asFunctionCall)
        .map(c -> c.callId() + " " + c.name() + " " + c.arguments())
        .toList();
  }

  @Test
  void openAiSdkResponsesOnBedrockStreamAndNot() {
    OpenAIClient client = openAi("/bedrock");
    com.openai.models.responses.Response response =
        client.responses().create(responsesParams("anthropic.claude-tool-v1:0"));
    assertThat(functionCalls(response))
        .containsExactly(
            "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q top_song {\"sign\":\"WZPZ\"}",
            "tooluse_kZJMlvQmRJ6eAyxxx hello {\"sign\":\"world\"}");
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-tool-v1%3A0/converse");
    assertThat(BEDROCK.last().json().path("toolConfig").path("tools").get(0).path("toolSpec"))
        .isNotNull();

    com.openai.helpers.ResponseAccumulator accumulator =
        com.openai.helpers.ResponseAccumulator.create();
    StringBuilder text = new StringBuilder();
    try (com.openai.core.http.StreamResponse<com.openai.models.responses.ResponseStreamEvent>
        stream =
            client.responses().createStreaming(responsesParams("anthropic.claude-tool-v1:0"))) {
      stream.stream()
          .forEach(
              event -> {
                accumulator.accumulate(event);
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
              });
    }
    com.openai.models.responses.Response streamed = accumulator.response();
    assertThat(text.toString()).isEqualTo("I'll call both tools.");
    assertThat(functionCalls(streamed)).hasSize(2);
    assertThat(streamed.usage().orElseThrow().inputTokens()).isEqualTo(150);
    assertSignedConverse(BEDROCK.last(), "/model/anthropic.claude-tool-v1%3A0/converse-stream");
  }
}
