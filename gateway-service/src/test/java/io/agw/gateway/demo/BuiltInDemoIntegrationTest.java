package io.agw.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.agw.gateway.config.BuiltInConfiguration;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in configuration as a new user meets it, on the admin port the test picks (so also
 * showing that its admin-port upstreams follow that port) and with its traffic port moved off 8080:
 * a chat completion through {@code /v1/chat/completions} is answered by the demo model, streams, is
 * recorded in the usage store with a cost from the built-in demo price, and a virtual key is
 * accepted until it is revoked; the UI's origin passes the CORS preflight and another does not; an
 * MCP client lists and calls the demo tools, prompt and resource through the {@code /mcp} route and
 * sees progress notifications.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BuiltInDemoIntegrationTest {

  static final int ADMIN = FreePorts.next();
  static final int PORT = FreePorts.next();
  static final String ADMIN_TOKEN = "test-admin-token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        BuiltInConfiguration.yaml(ADMIN).replace("- port: 8080\n", "- port: " + PORT + "\n");
    assertThat(yaml).contains("- port: " + PORT + "\n");
    GatewayConfigFile.register(registry, yaml);
    registry.add("server.port", () -> ADMIN);
    registry.add("agw.demo.enabled", () -> "true");
    registry.add("agw.admin.token", () -> ADMIN_TOKEN);
    Path db = Files.createTempDirectory("agw-demo").resolve("agw.db");
    registry.add("agw.database.url", () -> "sqlite:" + db);
  }

  static OpenAIClient openAi(String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl("http://127.0.0.1:" + PORT + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  static JsonNode admin(HttpMethod method, String path, String body) {
    WebTestClient.RequestBodySpec spec =
        client(ADMIN)
            .method(method)
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
    WebTestClient.RequestHeadersSpec<?> request =
        body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    String text = request.exchange().expectBody(String.class).returnResult().getResponseBody();
    return JSON.readTree(text);
  }

  /**
   * A new virtual key: the OpenAI SDK always sends a key, and the demo route's optional apiKey
   * policy checks any key it is given.
   */
  static String newKey() {
    return admin(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"sdk\"}").path("key").asString();
  }

  static ChatCompletionCreateParams chat(String message) {
    return ChatCompletionCreateParams.builder().model("agw-demo").addUserMessage(message).build();
  }

  @Test
  void aChatCompletionIsAnsweredByTheDemoModelAndRecordedWithItsCost() {
    ChatCompletion completion =
        openAi(newKey()).chat().completions().create(chat("Price this demo call"));

    assertThat(completion.systemFingerprint()).hasValue("agw-demo");
    assertThat(completion.choices().get(0).message().content().orElseThrow())
        .startsWith(DemoReply.DISCLAIMER)
        .endsWith("You wrote: Price this demo call");
    long input = completion.usage().orElseThrow().promptTokens();
    long output = completion.usage().orElseThrow().completionTokens();

    JsonNode record =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  for (JsonNode r :
                      admin(HttpMethod.GET, "/api/v1/usage/records", null).path("records")) {
                    if (r.path("tokens").path("input").asLong() == input
                        && !r.path("streamed").asBoolean()) {
                      return r;
                    }
                  }
                  return null;
                },
                r -> r != null);
    assertThat(record.path("route").asString()).isEqualTo("demo-llm");
    assertThat(record.path("provider").asString()).isEqualTo("agw-demo");
    assertThat(record.path("responseModel").asString()).isEqualTo("agw-demo");
    assertThat(record.path("tokens").path("output").asLong()).isEqualTo(output);
    // The built-in demo price: 1 USD per million input tokens, 2 per million output tokens.
    assertThat(record.path("costUsd").asDouble())
        .isCloseTo((input * 1.0 + output * 2.0) / 1_000_000, within(1e-12));
  }

  @Test
  void theDemoRouteStreams() {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi(newKey())
            .chat()
            .completions()
            .createStreaming(
                chat("Stream through the gateway").toBuilder()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
              });
    }
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(accumulator.chatCompletion().choices().get(0).message().content().orElseThrow())
        .startsWith(DemoReply.DISCLAIMER)
        .endsWith("You wrote: Stream through the gateway");
    assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
  }

  @Test
  void aCallWithoutAnyKeyIsAnswered() {
    client(PORT)
        .post()
        .uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"agw-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.system_fingerprint")
        .isEqualTo("agw-demo");
  }

  @Test
  void anthropicMessagesAreTranslatedForTheDemoModel() {
    String body =
        client(PORT)
            .post()
            .uri("/v1/messages")
            .contentType(MediaType.APPLICATION_JSON)
            .header("anthropic-version", "2023-06-01")
            .bodyValue(
                "{\"model\":\"agw-demo\",\"max_tokens\":200,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi from claude\"}]}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JsonNode message = JSON.readTree(body);
    assertThat(message.path("type").asString()).isEqualTo("message");
    assertThat(message.path("content").get(0).path("text").asString())
        .startsWith(DemoReply.DISCLAIMER)
        .endsWith("You wrote: hi from claude");
  }

  @Test
  void aVirtualKeyWorksOnTheDemoRouteUntilItIsRevoked() {
    JsonNode created = admin(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"demo-user\"}");
    String secret = created.path("key").asString();
    assertThat(secret).startsWith("agw-");
    assertThat(status(secret)).isEqualTo(200);

    admin(HttpMethod.DELETE, "/api/v1/keys/" + created.path("id").asString(), null);
    assertThat(status(secret)).isEqualTo(401);
    assertThat(status("agw-not-a-key")).isEqualTo(401);
  }

  static int status(String key) {
    return client(PORT)
        .post()
        .uri("/v1/chat/completions")
        .headers(
            h -> {
              if (key != null) {
                h.setBearerAuth(key);
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"agw-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectBody(String.class)
        .returnResult()
        .getStatus()
        .value();
  }

  @Test
  void theUisOriginPassesTheCorsPreflightAndAnotherDoesNot() {
    for (String path : List.of("/v1/chat/completions", "/mcp")) {
      String origin = "http://localhost:" + ADMIN;
      client(PORT)
          .options()
          .uri(path)
          .header(HttpHeaders.ORIGIN, origin)
          .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
          .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
          .exchange()
          .expectStatus()
          .is2xxSuccessful()
          .expectHeader()
          .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      client(PORT)
          .options()
          .uri(path)
          .header(HttpHeaders.ORIGIN, "http://evil.example")
          .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
          .exchange()
          .expectHeader()
          .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
  }

  @Test
  void anMcpClientListsAndCallsTheDemoToolsThroughTheMcpRoute() {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    try (McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .progressConsumer(progress::add)
            .loggingConsumer(logs::add)
            .build()) {
      client.initialize();

      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("echo", "add", "current_time", "long_running_task");
      assertThat(text(client.callTool(new CallToolRequest("add", Map.of("a", 2, "b", 3)))))
          .isEqualTo("The sum of 2 and 3 is 5.");
      assertThat(text(client.callTool(new CallToolRequest("echo", Map.of("message", "hi")))))
          .isEqualTo("Echo: hi");
      assertThat(client.listPrompts().prompts())
          .extracting(McpSchema.Prompt::name)
          .contains("greeting");
      assertThat(client.listResources().resources())
          .extracting(McpSchema.Resource::uri)
          .contains(DemoMcpServer.ABOUT_URI);

      CallToolResult finished =
          client.callTool(
              CallToolRequest.builder("long_running_task")
                  .arguments(Map.of("steps", 3))
                  .progressToken("demo-progress")
                  .build());
      assertThat(text(finished)).isEqualTo("Finished all 3 steps.");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(progress)
                      .extracting(McpSchema.ProgressNotification::progress)
                      .containsExactly(1.0, 2.0, 3.0));
      assertThat(progress)
          .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("demo-progress"));
    }
  }

  static String text(CallToolResult result) {
    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    return ((TextContent) result.content().get(0)).text();
  }
}
