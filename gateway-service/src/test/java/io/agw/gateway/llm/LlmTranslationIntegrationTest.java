package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.telemetry.LlmMetrics;
import io.agw.gateway.llm.wire.WireJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Front doors, translation both ways, policies and usage, through the gateway to the provider
 * simulators.
 */
class LlmTranslationIntegrationTest extends LlmGatewayTestBase {

  @Autowired MeterRegistry meters;

  private JsonNode post(String uri, String body) {
    byte[] out =
        gateway
            .post()
            .uri(uri)
            .contentType(MediaType.APPLICATION_JSON)
            .header("Authorization", "Bearer client-own-key")
            .header("x-api-key", "client-own-key")
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return WireJson.tree(new String(out));
  }

  private List<SseEvent> stream(WebTestClientTarget target, String uri, String body) {
    byte[] out =
        target
            .client()
            .post()
            .uri(uri)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .expectBody()
            .returnResult()
            .getResponseBody();
    SseParser parser = new SseParser();
    List<SseEvent> events = new java.util.ArrayList<>(parser.feed(out));
    events.addAll(parser.finish());
    return events;
  }

  private record WebTestClientTarget(
      org.springframework.test.web.reactive.server.WebTestClient client) {}

  @Test
  void chatToOpenAiAppliesPoliciesAndSwapsCredentials() {
    JsonNode response =
        post(
            "/openai/v1/chat/completions",
            "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\"me\"}");
    assertThat(response.path("object").asString()).isEqualTo("chat.completion");

    ProviderSimulator.Received received = OPENAI.last();
    assertThat(received.uri()).isEqualTo("/v1/chat/completions");
    assertThat(received.headers())
        .containsEntry("authorization", "Bearer sk-gateway-openai-secret");
    assertThat(received.headers()).doesNotContainKey("x-api-key");
    assertThat(received.headers().toString()).doesNotContain("client-own-key");
    JsonNode body = received.json();
    assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.path("user").asString()).isEqualTo("gateway");
    assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("Be brief.");
    assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("hi");
  }

  @Test
  void chatStreamFromOpenAiHidesTheUsageChunkTheGatewayAskedFor() {
    List<SseEvent> events =
        stream(
            new WebTestClientTarget(gateway),
            "/openai/v1/chat/completions",
            "{\"model\":\"legacy-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(OPENAI.last().json().path("stream_options").path("include_usage").asBoolean())
        .isTrue();
    assertThat(events.get(events.size() - 1).isDone()).isTrue();
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(WireJson.tree(e.data()).path("choices").size()).isOne());
    assertThat(tokens("gpt-5-nano-2025-08-07", "output")).isEqualTo(286);
    assertThat(tokens("gpt-5-nano-2025-08-07", "reasoning")).isEqualTo(192);
  }

  @Test
  void chatStreamKeepsTheUsageChunkWhenTheClientAskedForIt() {
    List<SseEvent> events =
        stream(
            new WebTestClientTarget(gateway),
            "/openai/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    JsonNode usageChunk = WireJson.tree(events.get(events.size() - 2).data());
    assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(18);
  }

  @Test
  void chatToAnthropicTranslatesBothWays() {
    JsonNode response =
        post(
            "/anthropic/v1/chat/completions",
            "{\"model\":\"claude-tool\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"object\"}}}]}");
    assertThat(response.path("object").asString()).isEqualTo("chat.completion");
    JsonNode call = response.path("choices").get(0).path("message").path("tool_calls").get(0);
    assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
    assertThat(
            WireJson.tree(call.path("function").path("arguments").asString())
                .path("city")
                .asString())
        .isEqualTo("Paris");
    assertThat(response.path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("tool_calls");

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertThat(received.uri()).isEqualTo("/v1/messages");
    assertThat(received.headers()).containsEntry("x-api-key", ANTHROPIC_KEY);
    assertThat(received.headers()).containsEntry("anthropic-version", "2023-06-01");
    assertThat(received.headers()).doesNotContainKey("authorization");
    assertThat(received.json().path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(received.json().path("system").toString()).contains("Be kind.");
    assertThat(tokens("claude-sonnet-4-5-20250929", "cached_input")).isEqualTo(20);
  }

  @Test
  void chatStreamFromAnthropicIsTranslatedEventByEvent() {
    List<SseEvent> events =
        stream(
            new WebTestClientTarget(gateway),
            "/anthropic/v1/chat/completions",
            "{\"model\":\"claude-thinking\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(events.get(events.size() - 1).isDone()).isTrue();
    JsonNode first = WireJson.tree(events.get(0).data());
    assertThat(first.path("object").asString()).isEqualTo("chat.completion.chunk");
    assertThat(events.stream().anyMatch(e -> e.data().contains("reasoning_content"))).isTrue();
    JsonNode last = WireJson.tree(events.get(events.size() - 2).data());
    assertThat(last.path("choices").get(0).path("finish_reason").asString()).isNotEmpty();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> !meters.find(LlmMetrics.TIME_TO_FIRST_TOKEN).summaries().isEmpty());
  }

  @Test
  void messagesToOpenAiStreamHasAnthropicEventNames() {
    List<SseEvent> events =
        stream(
            new WebTestClientTarget(gateway),
            "/openai/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(events.get(0).event()).isEqualTo("message_start");
    assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
    assertThat(events).anyMatch(e -> "content_block_delta".equals(e.event()));
    JsonNode delta =
        events.stream()
            .filter(e -> "message_delta".equals(e.event()))
            .map(e -> WireJson.tree(e.data()))
            .findFirst()
            .orElseThrow();
    assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(286);
    assertThat(OPENAI.last().uri()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void messagesToOpenAiNonStream() {
    JsonNode response =
        post(
            "/openai/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(response.path("type").asString()).isEqualTo("message");
    assertThat(response.path("content").get(0).path("type").asString()).isEqualTo("text");
    assertThat(response.path("usage").path("input_tokens").asInt()).isEqualTo(17);
  }

  @Test
  void messagesToAnthropicStreamPassesThroughAndCountTokensWorks() {
    List<SseEvent> events =
        stream(
            new WebTestClientTarget(gateway),
            "/anthropic/v1/messages",
            "{\"model\":\"claude-haiku\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(events)
        .extracting(SseEvent::event)
        .contains("message_start", "ping", "message_stop");
    JsonNode count =
        post(
            "/anthropic/v1/messages/count_tokens",
            "{\"model\":\"claude-haiku\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(count.path("input_tokens").asInt()).isEqualTo(21);
    assertThat(ANTHROPIC.last().uri()).isEqualTo("/v1/messages/count_tokens");
  }

  @Test
  void responsesEmbeddingsAndAzureAddressing() {
    JsonNode responses = post("/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"hi\"}");
    assertThat(responses.path("object").asString()).isEqualTo("response");
    assertThat(OPENAI.last().uri()).isEqualTo("/v1/responses");
    assertThat(tokens("gpt-4o-2024-08-06", "cached_input")).isEqualTo(3);

    JsonNode embeddings =
        post("/azure/v1/embeddings", "{\"model\":\"anything\",\"input\":\"hello\"}");
    assertThat(embeddings.path("data").get(0).path("embedding").size()).isEqualTo(3);
    ProviderSimulator.Received azure = OPENAI.last();
    assertThat(azure.uri())
        .isEqualTo("/openai/deployments/gpt-4o-deployment/embeddings?api-version=2024-10-21");
    assertThat(azure.headers()).containsEntry("api-key", "azure-gateway-secret");
    assertThat(azure.headers()).doesNotContainKey("authorization");
    assertThat(azure.json().path("model").asString()).isEqualTo("gpt-4o-deployment");
  }

  @Test
  void otherPathsPassThroughWithTheGatewayCredentials() {
    gateway
        .get()
        .uri("/openai/v1/files?purpose=batch")
        .header("Authorization", "Bearer client-own-key")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(OPENAI.last().uri()).isEqualTo("/openai/v1/files?purpose=batch");
    assertThat(OPENAI.last().headers())
        .containsEntry("authorization", "Bearer sk-gateway-openai-secret");
  }

  @Test
  void shorthandServesItsModelsAndListsThem() {
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
                    .getResponseBody()));
    assertThat(list.path("object").asString()).isEqualTo("list");
    assertThat(list.path("data").findValuesAsString("id")).containsExactly("gpt-4o");
    assertThat(list.path("data").get(0).path("owned_by").asString()).isEqualTo("openai");

    shorthand
        .post()
        .uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"claude-opus\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(ANTHROPIC.last().headers()).containsEntry("x-api-key", "sk-ant-shorthand-secret");
    shorthand
        .post()
        .uri("/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(OPENAI.last().uri()).isEqualTo("/v1/chat/completions");
    assertThat(OPENAI.last().json().path("model").asString()).isEqualTo("gpt-4o-2024-08-06");
  }

  /**
   * The largest recorded value; metrics are recorded as the exchange ends, just after the reply.
   */
  private double tokens(String responseModel, String type) {
    double[] value = {-1};
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> (value[0] = recorded(responseModel, type)) >= 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return -1;
    }
    return value[0];
  }

  private double recorded(String responseModel, String type) {
    return meters
        .find(LlmMetrics.TOKEN_USAGE)
        .tag("gen_ai.response.model", responseModel)
        .tag("gen_ai.token.type", type)
        .summaries()
        .stream()
        .mapToDouble(s -> s.max())
        .max()
        .orElse(-1);
  }
}
