package io.agw.gateway.telemetry;

import static io.agw.gateway.telemetry.OtlpReceiver.attributes;
import static io.agw.gateway.telemetry.OtlpReceiver.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.support.A2aPeers;
import io.agw.gateway.support.A2aPeers.Agent;
import io.agw.gateway.support.FreePorts;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A2A telemetry as agentgateway records it: a JSON-RPC call through an {@code a2a} route to a real
 * agent ({@code @a2a-js/sdk}) puts the call's method, outcome, task state and context id on the
 * request's server span (exported to a receiver on loopback) and in the access log line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class A2aTracingIntegrationTest {

  static final OtlpReceiver OTLP = newReceiver();
  static final Agent AGENT = A2aPeers.startAgent(20);
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static OtlpReceiver newReceiver() {
    try {
      return new OtlpReceiver();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: agent
                    policies:
                      a2a: {}
                    backends:
                      - host: 127.0.0.1:%d
        """
            .formatted(PORT, AGENT.port());
    Path file = Files.createTempDirectory("agw-a2a-trace").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("management.opentelemetry.tracing.export.otlp.endpoint", OTLP::endpoint);
    registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    registry.add("management.tracing.sampling.probability", () -> "1.0");
  }

  @AfterAll
  static void stop() {
    OTLP.close();
    AGENT.close();
  }

  @Test
  void taskStateAndContextIdAreOnTheSpanAndInTheAccessLog() throws Exception {
    ListAppender<ILoggingEvent> access = new ListAppender<>();
    access.start();
    ((Logger) LoggerFactory.getLogger("agw.access")).addAppender(access);
    try {
      String traceId = randomHex(16);
      String contextId = "ctx-" + randomHex(4);
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "jsonrpc",
                  "2.0",
                  "id",
                  "call-1",
                  "method",
                  "message/send",
                  "params",
                  Map.of(
                      "message",
                      Map.of(
                          "kind",
                          "message",
                          "messageId",
                          "m-" + randomHex(4),
                          "role",
                          "user",
                          "contextId",
                          contextId,
                          "parts",
                          List.of(Map.of("kind", "text", "text", "run a task"))))));
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/"))
                  .header("Content-Type", "application/json")
                  .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode result = JSON.readTree(response.body()).path("result");
      String state = result.path("status").path("state").asString();
      assertThat(state).as(response.body()).isNotEmpty();
      assertThat(result.path("contextId").asString()).isEqualTo(contextId);

      Span server = only(OTLP.awaitTrace(traceId, 2), SpanKind.SPAN_KIND_SERVER);
      assertThat(attributes(server))
          .containsEntry("a2a.method", "message/send")
          .containsEntry("a2a.response.outcome", "success")
          .containsEntry("a2a.task.state", state)
          .containsEntry("a2a.context.id", contextId)
          .doesNotContainKey("a2a.response.error_code");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(List.copyOf(access.list))
                      .extracting(ILoggingEvent::getFormattedMessage)
                      .anySatisfy(
                          line -> {
                            JsonNode a2a = JSON.readTree(line).path("a2a");
                            assertThat(a2a.path("context_id").asString()).isEqualTo(contextId);
                            assertThat(a2a.path("state").asString()).isEqualTo(state);
                          }));
    } finally {
      ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(access);
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
