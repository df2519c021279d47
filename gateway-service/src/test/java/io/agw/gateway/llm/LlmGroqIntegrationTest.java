package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The Groq preset ({@code provider: groq} in the {@code llm} shorthand, {@code groq: {}} on an AI
 * backend) end to end against an OpenAI-dialect simulator standing in for {@code api.groq.com}:
 * Groq's path prefix, its bearer key, OpenAI bodies for chat clients and translated ones for
 * Anthropic Messages clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmGroqIntegrationTest {

  static final ProviderSimulator GROQ = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final int LLM_PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: groq
                    matches: [{path: {pathPrefix: /groq}}]
                    backends:
                      - ai:
                          name: groq
                          provider: {groq: {model: llama-3.3-70b-versatile}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: gsk-backend-secret}
        llm:
          port: %d
          models:
            - name: llama-3.1-8b-instant
              provider: groq
              params:
                apiKey: gsk-shorthand-secret
                hostOverride: %s
        """
            .formatted(PORT, GROQ.hostPort(), LLM_PORT, GROQ.hostPort());
    Path file = Files.createTempDirectory("agw-groq").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  private final WebTestClient gateway = client(PORT);
  private final WebTestClient shorthand = client(LLM_PORT);

  private static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  @BeforeEach
  void clear() {
    GROQ.clear();
  }

  @Test
  void shorthandPresetCallsGroqsOpenAiPathWithItsKey() {
    JsonNode answer =
        post(
            shorthand,
            "/v1/chat/completions",
            "{\"model\":\"llama-3.1-8b-instant\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.path("object").asString()).isEqualTo("chat.completion");
    ProviderSimulator.Received received = GROQ.last();
    assertThat(received.uri()).isEqualTo("/openai/v1/chat/completions");
    assertThat(received.headers()).containsEntry("authorization", "Bearer gsk-shorthand-secret");
    assertThat(received.json().path("model").asString()).isEqualTo("llama-3.1-8b-instant");
  }

  @Test
  void shorthandListsItsModelsAsOwnedByGroq() {
    JsonNode list =
        WireJson.tree(
            new String(
                shorthand
                    .get()
                    .uri("/v1/models")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody(),
                StandardCharsets.UTF_8));
    assertThat(list.path("data").findValuesAsString("id")).containsExactly("llama-3.1-8b-instant");
    assertThat(list.path("data").get(0).path("owned_by").asString()).isEqualTo("groq");
  }

  @Test
  void messagesClientIsTranslatedToGroqsChatCompletions() {
    JsonNode answer =
        post(
            gateway,
            "/groq/v1/messages",
            "{\"model\":\"any\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.path("type").asString()).isEqualTo("message");
    assertThat(answer.path("content").get(0).path("type").asString()).isEqualTo("text");
    ProviderSimulator.Received received = GROQ.last();
    assertThat(received.uri()).isEqualTo("/openai/v1/chat/completions");
    assertThat(received.headers()).containsEntry("authorization", "Bearer gsk-backend-secret");
    JsonNode body = received.json();
    assertThat(body.path("model").asString()).isEqualTo("llama-3.3-70b-versatile");
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
    assertThat(body.path("messages").get(0).path("content").toString()).contains("hi");
  }

  private static JsonNode post(WebTestClient client, String uri, String body) {
    byte[] out =
        client
            .post()
            .uri(uri)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return WireJson.tree(new String(out, StandardCharsets.UTF_8));
  }
}
