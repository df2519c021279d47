package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.wire.WireJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Security policies on a real LLM route: an API key's {@code allowedModels} is checked against the
 * model the client asked for, and a token limit is charged with the usage the provider reported;
 * both refusals are in the client's API format and never reach the provider.
 */
class LlmPoliciesIntegrationTest extends LlmGatewayTestBase {

  private static String chat(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private JsonNode post(String body, int status) {
    byte[] out =
        gateway
            .post()
            .uri("/guarded/v1/chat/completions")
            .header("Authorization", "Bearer sk-limited")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectBody()
            .returnResult()
            .getResponseBody();
    return WireJson.tree(new String(out));
  }

  @Test
  void allowedModelsAndTokenLimitsApplyToRealLlmCalls() {
    JsonNode denied = post(chat("o3-mini"), 403);
    assertThat(denied.path("error").path("message").asString()).contains("o3-mini");
    assertThat(denied.path("error").has("param")).isTrue();
    assertThat(OPENAI.received()).isEmpty();

    JsonNode first = post(chat("gpt-4o"), 200);
    assertThat(first.path("usage").path("total_tokens").asInt()).isPositive();
    assertThat(OPENAI.received()).hasSize(1);
    // The real usage of the first call exhausts the one-token bucket; it is charged just after the
    // response is written, so wait for the refusal (docs/security.md, overshoot bound).
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> post(chat("gpt-4o"), 429));
    int reached = OPENAI.received().size();
    JsonNode limited = post(chat("gpt-4o"), 429);
    assertThat(limited.path("error").path("type").asString()).startsWith("rate_limit");
    assertThat(limited.path("error").has("param")).isTrue();
    assertThat(OPENAI.received()).hasSize(reached);
  }

  @Test
  void aTokenizedRouteRefusesAPromptLargerThanItsTokenBucketBeforeTheCall() {
    // About 300 tokens by jtokkit's estimate, against a 50-token bucket.
    String large =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + "please summarise this sentence for me. ".repeat(50)
            + "\"}]}";
    int before = OPENAI.received().size();
    JsonNode limited =
        WireJson.tree(
            new String(
                gateway
                    .post()
                    .uri("/tokenized/v1/chat/completions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(large)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectBody()
                    .returnResult()
                    .getResponseBody()));
    assertThat(limited.path("error").path("type").asString()).startsWith("rate_limit");
    assertThat(OPENAI.received()).hasSize(before);

    // A short prompt fits the estimate and reaches the provider.
    gateway
        .post()
        .uri("/tokenized/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(chat("gpt-4o"))
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(OPENAI.received()).hasSize(before + 1);
  }
}
