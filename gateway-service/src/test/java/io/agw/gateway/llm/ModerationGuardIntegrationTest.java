package io.agw.gateway.llm;

import static io.agw.gateway.support.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ModerationSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code openAIModeration} request guards ({@code gateway/llm-moderation-guard.yaml}) in front of
 * the OpenAI provider simulator, with the moderations endpoint pointed at a simulator of OpenAI's
 * moderations API: what the guard sends, flagged prompts refused in the client's format before the
 * provider is called, unflagged ones passed, and a failing moderation service refusing with 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ModerationGuardIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ModerationSimulator MODERATION =
      ModerationSimulator.start("sk-moderation-key");
  private static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/llm-moderation-guard.yaml",
            Map.of("PORT", Integer.toString(PORT), "OPENAI", OPENAI.hostPort()));
    GatewayConfigFile.register(registry, yaml);
    registry.add("agw.guardrails.endpoints.openai-moderation", MODERATION::baseUrl);
  }

  @Autowired MeterRegistry meters;

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(30));

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    MODERATION.clear();
  }

  private EntityExchangeResult<byte[]> chat(String prefix, String prompt, boolean stream) {
    return gateway.post(
        prefix + "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":"
            + WireJson.write(prompt)
            + "}]}");
  }

  private double decisions(String action) {
    Counter counter =
        meters
            .find("agw.guardrail.decisions")
            .tags("guard", "openAIModeration", "phase", "request", "action", action)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** Decisions are counted when the exchange is logged, just after the client has its answer. */
  private void awaitDecisions(String action, double expected) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(decisions(action)).isEqualTo(expected));
  }

  @Test
  void anUnflaggedPromptReachesTheProviderAfterOneModerationCall() {
    double allowed = decisions("allow");

    var result = chat("/moderated", "What is the capital of France?", false);

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.received()).hasSize(1);
    assertThat(MODERATION.received()).hasSize(1);
    var call = MODERATION.last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo("/v1/moderations");
    assertThat(call.headers().get("authorization")).isEqualTo("Bearer sk-moderation-key");
    assertThat(call.headers().get("content-type")).startsWith("application/json");
    JsonNode sent = call.json();
    assertThat(sent.path("model").asString()).isEqualTo("omni-moderation-latest");
    // The route's system prompt and the user's message, in body order.
    assertThat(sent.path("input").isArray()).isTrue();
    assertThat(sent.path("input").valueStream().map(JsonNode::asString).toList())
        .isEqualTo(List.of("You are a helpful assistant.", "What is the capital of France?"));
    // The provider's key never goes to the moderation service, nor the other way round.
    assertThat(call.headers().values()).noneMatch(v -> v.contains("sk-gateway-openai-secret"));
    assertThat(OPENAI.last().headers().get("authorization"))
        .isEqualTo("Bearer sk-gateway-openai-secret");
    awaitDecisions("allow", allowed + 1);
  }

  @Test
  void aFlaggedPromptIsRefusedInTheClientsFormatAndNeverReachesTheProvider() {
    double rejected = decisions("reject");

    var openAi = chat("/moderated", "how do I kill a process", false);
    assertThat(openAi.getStatus().value()).isEqualTo(403);
    assertThat(json(openAi).path("error").path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");
    assertThat(json(openAi).path("error").has("type")).isTrue();

    var anthropic =
        gateway.post(
            "/moderated/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"fine\"},"
                + "{\"type\":\"text\",\"text\":\"I will kill it\"}]}]}");
    assertThat(anthropic.getStatus().value()).isEqualTo(403);
    JsonNode body = json(anthropic);
    assertThat(body.path("type").asString()).isEqualTo("error");
    assertThat(body.path("error").path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");

    var streamed = chat("/moderated", "kill it", true);
    assertThat(streamed.getStatus().value()).isEqualTo(403);

    assertThat(OPENAI.received()).isEmpty();
    assertThat(MODERATION.received()).hasSize(3);
    awaitDecisions("reject", rejected + 3);
  }

  @Test
  void theConfiguredModelAndRejectionAreUsed() {
    var flagged = chat("/custom", "kill", false);
    assertThat(flagged.getStatus().value()).isEqualTo(451);
    assertThat(json(flagged).path("error").path("message").asString())
        .isEqualTo("blocked by moderation");
    assertThat(MODERATION.last().json().path("model").asString())
        .isEqualTo("text-moderation-stable");

    assertThat(chat("/custom", "hello", false).getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.received()).hasSize(1);
  }

  @Test
  void aFailingModerationServiceRefusesTheRequestWith503() {
    MODERATION.failNext(1, 500);
    var failed = chat("/moderated", "hello", false);
    assertThat(failed.getStatus().value()).isEqualTo(503);
    assertThat(json(failed).path("error").path("message").asString())
        .contains("could not be checked");

    MODERATION.answerGarbage();
    var garbage =
        gateway.post(
            "/moderated/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}");
    assertThat(garbage.getStatus().value()).isEqualTo(503);
    assertThat(json(garbage).path("type").asString()).isEqualTo("error");
    assertThat(new String(garbage.getResponseBody(), StandardCharsets.UTF_8))
        .doesNotContain("sk-moderation-key", "hello");

    assertThat(OPENAI.received()).isEmpty();
  }

  private static final String INLINE =
      "{\"model\":\"omni-moderation-latest\",\"policy\":{\"input\":{\"mode\":\"block\"},"
          + "\"output\":{\"mode\":\"score\"}}}";

  @Test
  void anOpenAiProvidersInlineModerationIsSentOnEveryChatAndResponsesRequest() {
    String clients = "{\"model\":\"client-choice\",\"policy\":{\"input\":{\"mode\":\"score\"}}}";

    assertThat(
            gateway
                .post(
                    "/inline/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"moderation\":"
                        + clients
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().json().path("moderation")).isEqualTo(WireJson.tree(INLINE));

    // Translated from Messages to chat completions.
    assertThat(
            gateway
                .post(
                    "/inline/v1/messages",
                    "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().uri()).endsWith("/chat/completions");
    assertThat(OPENAI.last().json().path("moderation")).isEqualTo(WireJson.tree(INLINE));

    assertThat(
            gateway
                .post("/inline/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"hi\"}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().json().path("moderation")).isEqualTo(WireJson.tree(INLINE));

    // Streamed requests carry it too; embeddings do not take it.
    assertThat(chat("/inline", "hi", true).getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("moderation")).isEqualTo(WireJson.tree(INLINE));
    assertThat(
            gateway
                .post(
                    "/inline/v1/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":[\"hi\"]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().json().has("moderation")).isFalse();
    assertThat(MODERATION.received()).as("inline moderation is OpenAI's job").isEmpty();
  }

  @Test
  void withoutInlineModerationTheClientsParameterPassesUnchanged() {
    String clients = "{\"model\":\"client-choice\",\"policy\":{\"input\":{\"mode\":\"score\"}}}";
    assertThat(
            gateway
                .post(
                    "/plain/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"moderation\":"
                        + clients
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().json().path("moderation")).isEqualTo(WireJson.tree(clients));
  }
}
