package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.backend.redaction.SecretRedactor;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
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

  private static String chat(String model) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private EntityExchangeResult<byte[]> post(String uri, String body, int status) {
    return gateway
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody()
        .returnResult();
  }

  /** The body and every response header, as the client sees them. */
  private static String seen(EntityExchangeResult<byte[]> result) {
    return result.getResponseHeaders()
        + "\n"
        + new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "/openai/v1/chat/completions, gpt-echo-key, 401, sk-gateway-openai-secret",
    "/openai/v1/chat/completions, gpt-echo-headers, 500, sk-gateway-openai-secret",
    "/openai/v1/responses, gpt-echo-key, 401, sk-gateway-openai-secret",
    "/openai/v1/messages, gpt-echo-key, 401, sk-gateway-openai-secret",
    "/openai/v1/echo-key, gpt-4o, 401, sk-gateway-openai-secret",
    "/azure/v1/echo-key, gpt-4o, 401, azure-gateway-secret",
    "/anthropic/v1/messages, claude-echo-key, 401, sk-ant-gateway-file-secret",
    "/anthropic/v1/chat/completions, claude-echo-key, 401, sk-ant-gateway-file-secret"
  })
  void aProviderEchoingTheGatewaysKeyNeverHandsItToTheClient(
      String path, String model, int status, String key) {
    String body =
        path.endsWith("/responses")
            ? "{\"model\":\"" + model + "\",\"input\":\"hi\"}"
            : chat(model);
    String seen = seen(post(path, body, status));
    String masked = key.substring(0, 7) + "****..." + key.substring(key.length() - 4);
    assertThat(seen).doesNotContain(key).doesNotContain(masked).contains(SecretRedactor.REDACTED);
    // The provider did receive the key: the echo is what was cleaned.
    ProviderSimulator sim = path.startsWith("/anthropic") ? ANTHROPIC : OPENAI;
    assertThat(sim.last().headers().toString()).contains(key);
  }

  @ParameterizedTest
  @CsvSource({
    "/openai/v1/chat/completions, gpt-html-error, 502, 502 Bad Gateway, server_error",
    "/openai/v1/chat/completions, gpt-text-error, 503, upstream connect error, service_unavailable",
    "/openai/v1/chat/completions, gpt-mislabelled-error, 500, Internal Server Error, server_error",
    "/anthropic/v1/messages, claude-html-error, 502, 502 Bad Gateway, api_error",
    "/anthropic/v1/messages, claude-text-error, 503, upstream connect error, api_error"
  })
  void aNonJsonErrorFromASameDialectProviderIsWrappedInTheClientsFormat(
      String path, String model, int status, String text, String type) {
    JsonNode body = error(gateway, path, chat(model), status);
    assertThat(body.path("error").path("message").asString()).contains(text);
    assertThat(body.path("error").path("type").asString()).isEqualTo(type);
    if (path.endsWith("/messages")) {
      assertThat(body.path("type").asString()).isEqualTo("error");
    }
  }

  @Test
  void invalidUtf8InTheBodyIs400() {
    byte[] chatBody =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \u0001\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    // 0xC3 0x28: a lead byte followed by a byte that cannot continue it.
    byte[] broken = chatBody.clone();
    int at = new String(chatBody, StandardCharsets.UTF_8).indexOf('\u0001');
    byte[] withBad = new byte[broken.length + 1];
    System.arraycopy(broken, 0, withBad, 0, at);
    withBad[at] = (byte) 0xC3;
    withBad[at + 1] = (byte) 0x28;
    System.arraycopy(broken, at + 1, withBad, at + 2, broken.length - at - 1);
    for (String path : List.of("/openai/v1/chat/completions", "/anthropic/v1/messages")) {
      byte[] out =
          gateway
              .post()
              .uri(path)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(withBad)
              .exchange()
              .expectStatus()
              .isEqualTo(400)
              .expectBody()
              .returnResult()
              .getResponseBody();
      assertThat(
              WireJson.tree(new String(out, StandardCharsets.UTF_8))
                  .path("error")
                  .path("message")
                  .asString())
          .contains("UTF-8");
    }
    assertThat(OPENAI.received()).isEmpty();
    assertThat(ANTHROPIC.received()).isEmpty();
  }

  @Test
  void llmRoutesRequireAJsonContentType() {
    String body = chat("gpt-4o");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "text/html")) {
      byte[] out =
          gateway
              .post()
              .uri("/openai/v1/chat/completions")
              .header("Content-Type", type)
              .bodyValue(body.getBytes(StandardCharsets.UTF_8))
              .exchange()
              .expectStatus()
              .isEqualTo(415)
              .expectHeader()
              .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
              .expectBody()
              .returnResult()
              .getResponseBody();
      assertThat(
              WireJson.tree(new String(out, StandardCharsets.UTF_8))
                  .path("error")
                  .path("type")
                  .asString())
          .isEqualTo("invalid_request_error");
    }
    byte[] anthropic =
        gateway
            .post()
            .uri("/anthropic/v1/messages")
            .header("Content-Type", "text/plain;charset=UTF-8")
            .bodyValue(chat("claude").getBytes(StandardCharsets.UTF_8))
            .exchange()
            .expectStatus()
            .isEqualTo(415)
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(WireJson.tree(new String(anthropic, StandardCharsets.UTF_8)).path("type").asString())
        .isEqualTo("error");
    assertThat(OPENAI.received()).isEmpty();
    assertThat(ANTHROPIC.received()).isEmpty();
    gateway
        .post()
        .uri("/openai/v1/chat/completions")
        .header("Content-Type", "application/json; charset=utf-8")
        .bodyValue(body.getBytes(StandardCharsets.UTF_8))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void providersDoNotLearnTheClientsAddress() {
    gateway
        .post()
        .uri("/openai/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Forwarded-For", "203.0.113.7")
        .header("X-Forwarded-Host", "client.example")
        .header("X-Real-IP", "203.0.113.7")
        .header("Forwarded", "for=203.0.113.7")
        .bodyValue(chat("gpt-4o"))
        .exchange()
        .expectStatus()
        .isOk();
    var headers = OPENAI.last().headers();
    assertThat(headers.keySet())
        .noneMatch(name -> name.startsWith("x-forwarded-"))
        .doesNotContain("forwarded", "x-real-ip");
    assertThat(headers.toString()).doesNotContain("203.0.113.7");
  }

  /**
   * A provider that resets the TCP connection mid-stream: for each client format, same-dialect and
   * translated, the client gets the events so far, one error event, and then the end of the
   * response (the client's wait is bounded by its response timeout), and the access log records the
   * request.
   */
  @ParameterizedTest
  @CsvSource({
    "/reset-openai/v1/chat/completions, gpt-reset, OPENAI",
    "/reset-openai/v1/responses, gpt-reset, OPENAI",
    "/reset-openai/v1/messages, gpt-reset, ANTHROPIC",
    "/reset-anthropic/v1/messages, claude-reset, ANTHROPIC",
    "/reset-anthropic/v1/chat/completions, claude-reset, OPENAI"
  })
  void aStreamResetByTheProviderEndsWithAnErrorEventAndTheResponseEnds(
      String path, String model, Dialect client) {
    ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    accessLog.start();
    Logger logger = (Logger) LoggerFactory.getLogger("agw.access");
    logger.addAppender(accessLog);
    try {
      String body =
          path.endsWith("/responses")
              ? "{\"model\":\"" + model + "\",\"stream\":true,\"input\":\"hi\"}"
              : "{\"model\":\""
                  + model
                  + "\",\"max_tokens\":10,\"stream\":true,"
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      byte[] out =
          client(PORT)
              .mutate()
              .responseTimeout(Duration.ofSeconds(30))
              .build()
              .post()
              .uri(path)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(body)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody()
              .returnResult()
              .getResponseBody();
      List<SseEvent> events = parse(out);
      assertThat(events).hasSizeGreaterThan(1);
      SseEvent last = events.get(events.size() - 1);
      JsonNode error = WireJson.tree(last.data());
      if (client == Dialect.ANTHROPIC) {
        assertThat(last.event()).isEqualTo("error");
        assertThat(error.path("type").asString()).isEqualTo("error");
      }
      assertThat(error.path("error").path("message").asString()).isNotEmpty();
      String line =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      List.copyOf(accessLog.list).stream()
                          .map(ILoggingEvent::getFormattedMessage)
                          .filter(l -> l.contains("\"path\":\"" + path + "\""))
                          .findFirst()
                          .orElse(null),
                  l -> l != null);
      assertThat(line).contains("\"status\":200").contains("stream_failed");
    } finally {
      logger.detachAppender(accessLog);
    }
  }

  private static List<SseEvent> parse(byte[] bytes) {
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(bytes));
    events.addAll(parser.finish());
    return events;
  }
}
