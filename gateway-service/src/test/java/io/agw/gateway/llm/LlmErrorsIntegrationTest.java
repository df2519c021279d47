package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Bad input, unknown models, upstream errors, unreachable upstreams and cut streams all end in the
 * client's own error format; credentials never leave the gateway's configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class LlmErrorsIntegrationTest extends LlmGatewayTestBase {

  @Autowired WebTestClient admin;

  private JsonNode error(WebTestClient client, String uri, String body, int status) {
    byte[] out =
        client
            .post()
            .uri(uri)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .returnResult()
            .getResponseBody();
    return WireJson.tree(new String(out));
  }

  @Test
  void badRequestsGetTheClientsFormat() {
    JsonNode openAi = error(gateway, "/openai/v1/chat/completions", "{not json", 400);
    assertThat(openAi.path("error").path("type").asString()).isEqualTo("invalid_request_error");
    assertThat(openAi.path("error").path("message").asString()).contains("not valid JSON");

    JsonNode noModel = error(gateway, "/openai/v1/chat/completions", "{\"messages\":[]}", 400);
    assertThat(noModel.path("error").path("message").asString()).contains("'model'");

    JsonNode anthropic = error(gateway, "/anthropic/v1/messages", "{\"model\":\"claude\"}", 400);
    assertThat(anthropic.path("type").asString()).isEqualTo("error");
    assertThat(anthropic.path("error").path("type").asString()).isEqualTo("invalid_request_error");
    assertThat(anthropic.path("error").path("message").asString()).contains("'messages'");
    assertThat(ANTHROPIC.received()).isEmpty();
  }

  @Test
  void aModelNoRouteServesIs404() {
    JsonNode body =
        error(
            shorthand,
            "/v1/chat/completions",
            "{\"model\":\"llama-3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            404);
    assertThat(body.path("error").path("message").asString()).contains("llama-3");
  }

  @Test
  void upstreamErrorsAreTranslated() {
    JsonNode fromAnthropic =
        error(
            gateway,
            "/anthropic/v1/chat/completions",
            "{\"model\":\"claude-error\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            429);
    assertThat(fromAnthropic.path("error").path("type").asString()).isEqualTo("rate_limit_error");
    assertThat(fromAnthropic.path("error").has("param")).isTrue();

    JsonNode fromOpenAi =
        error(
            gateway,
            "/openai/v1/messages",
            "{\"model\":\"gpt-error\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            401);
    assertThat(fromOpenAi.path("type").asString()).isEqualTo("error");
    assertThat(fromOpenAi.path("error").path("type").asString()).isEqualTo("authentication_error");
  }

  @Test
  void unreachableUpstreamIs503InTheClientsFormat() {
    JsonNode body =
        error(
            gateway,
            "/dead/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            503);
    assertThat(body.path("type").asString()).isEqualTo("error");
    assertThat(body.path("error").path("message").asString()).contains("unreachable");
  }

  @Test
  void bothRouteTimeoutsAre504InTheClientsFormatWithOneMessage() {
    OPENAI.delay(java.time.Duration.ofSeconds(3));
    JsonNode openAi =
        error(
            gateway,
            "/slow-backend/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            504);
    assertThat(openAi.path("error").path("type").asString()).isEqualTo("server_error");
    assertThat(openAi.path("error").path("message").asString())
        .isEqualTo("upstream request timed out after 500 ms");

    JsonNode anthropic =
        error(
            gateway,
            "/slow-request/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            504);
    assertThat(anthropic.path("type").asString()).isEqualTo("error");
    assertThat(anthropic.path("error").path("message").asString())
        .isEqualTo("upstream request timed out after 500 ms");
  }

  @Test
  void aRouteBodyLimitIs413InTheClientsFormat() {
    JsonNode anthropic =
        error(
            gateway,
            "/slow-request/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(2000)
                + "\"}]}",
            413);
    assertThat(anthropic.path("type").asString()).isEqualTo("error");
    assertThat(anthropic.path("error").path("type").asString()).isEqualTo("request_too_large");
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void aCutStreamEndsWithAnErrorEvent() {
    byte[] out =
        gateway
            .post()
            .uri("/anthropic/v1/messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"model\":\"claude-cut\",\"max_tokens\":10,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    List<SseEvent> events = parse(out);
    assertThat(events).extracting(SseEvent::event).startsWith("message_start");
    SseEvent last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("error");
    assertThat(WireJson.tree(last.data()).path("error").path("type").asString())
        .isEqualTo("api_error");

    byte[] chat =
        gateway
            .post()
            .uri("/openai/v1/chat/completions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"model\":\"gpt-cut\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .exchange()
            .expectBody()
            .returnResult()
            .getResponseBody();
    List<SseEvent> chatEvents = parse(chat);
    JsonNode lastChat = WireJson.tree(chatEvents.get(chatEvents.size() - 1).data());
    assertThat(lastChat.path("error").path("message").asString()).isNotEmpty();
  }

  @Test
  void keysNeverReachLogsOrTheConfigDump(CapturedOutput output) {
    gateway
        .post()
        .uri("/openai/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Authorization", "Bearer client-secret-key")
        .bodyValue("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(OPENAI.last().headers().toString()).doesNotContain("client-secret-key");
    String dump =
        new String(
            admin
                .get()
                .uri("/actuator/configdump")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
    assertThat(dump).contains("backendAuth").contains("<redacted>");
    for (String secret :
        List.of(
            "sk-gateway-openai-secret",
            "azure-gateway-secret",
            "sk-shorthand-secret",
            "sk-ant-shorthand-secret",
            ANTHROPIC_KEY)) {
      assertThat(dump).doesNotContain(secret);
      assertThat(output.getAll()).doesNotContain(secret);
    }
    assertThat(output.getAll()).doesNotContain("client-secret-key");
  }

  private static List<SseEvent> parse(byte[] bytes) {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(bytes));
    events.addAll(parser.finish());
    return events;
  }
}
