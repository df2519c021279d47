package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.support.A2aPeers;
import io.agw.gateway.support.A2aPeers.Agent;
import io.agw.gateway.support.A2aPeers.ClientRun;
import io.agw.gateway.support.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of a real A2A agent ({@code @a2a-js/sdk} on Node), called by the SDK's real
 * client through the gateway: card discovery, a message, a streamed task, reading the task back, in
 * both protocol versions, at the root and under a rewritten prefix. Also a broken agent whose cards
 * are not JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class A2aIntegrationTest {

  static final long STEP_DELAY_MS = 250;
  static final Agent AGENT = A2aPeers.startAgent(STEP_DELAY_MS);
  static final DisposableServer BROKEN = brokenAgent();
  static final int PORT = FreePorts.next();
  static final String GATEWAY = "http://127.0.0.1:" + PORT;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: echo-prefixed
                    matches:
                      - path:
                          pathPrefix: /agents/echo
                    policies:
                      a2a: {}
                      urlRewrite:
                        path:
                          prefix: /
                      requestHeaderModifier:
                        set:
                          x-agw-via: gateway
                    backends:
                      - host: 127.0.0.1:%d
                  - name: broken
                    matches:
                      - path:
                          pathPrefix: /broken
                    backends:
                      - host: 127.0.0.1:%d
                        policies:
                          a2a: {}
                  - name: echo-root
                    policies:
                      a2a: {}
                      requestHeaderModifier:
                        set:
                          x-agw-via: gateway
                    backends:
                      - host: 127.0.0.1:%d
        """
            .formatted(PORT, AGENT.port(), BROKEN.port(), AGENT.port());
    Path file = Files.createTempDirectory("agw-a2a").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stopPeers() {
    AGENT.close();
    BROKEN.disposeNow();
  }

  @Autowired MeterRegistry meters;

  final WebTestClient gateway =
      WebTestClient.bindToServer().baseUrl(GATEWAY).responseTimeout(Duration.ofSeconds(30)).build();
  final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
  final ListAppender<ILoggingEvent> cardLog = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    attach("agw.access", accessLog);
    attach(AgentCardResponse.class.getName(), cardLog);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(accessLog);
    ((Logger) LoggerFactory.getLogger(AgentCardResponse.class.getName())).detachAppender(cardLog);
  }

  @Test
  void sdkClientTalksV10ToTheAgentOnlyThroughAPrefixedRoute() {
    int agentLines = AGENT.log().size();

    JsonNode out = runClient(GATEWAY + "/agents/echo");

    assertThat(out.path("protocol").asString()).isEqualTo("1.0");
    assertThat(out.path("cardUrl").asString()).isEqualTo(GATEWAY + "/agents/echo/");
    assertThat(out.path("interfaceUrls").values())
        .extracting(JsonNode::asString)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(" " + GATEWAY + "/agents/echo/"))
        .anySatisfy(line -> assertThat(line).endsWith(GATEWAY + "/agents/echo/rest"));
    assertThat(out.path("sendReply").asString()).isEqualTo("echo: hello");
    assertThat(out.path("streamEvents").values())
        .extracting(JsonNode::asString)
        .containsExactly(
            "task:submitted",
            "status-update:working",
            "artifact-update:echo: run a task",
            "status-update:completed");
    assertThat(out.path("taskState").asString()).isEqualTo("completed");
    assertEveryAgentRequestCameThroughTheGateway(agentLines, 4);

    String taskId = out.path("taskId").asString();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(accessLines())
                    .anySatisfy(
                        line -> {
                          JsonNode a2a = JSON.readTree(line).path("a2a");
                          assertThat(a2a.path("method").asString())
                              .isEqualTo("SendStreamingMessage");
                          assertThat(a2a.path("task_id").asString()).isEqualTo(taskId);
                          assertThat(a2a.path("context_id").asString())
                              .isEqualTo(out.path("contextId").asString());
                          assertThat(a2a.path("state").asString()).isEqualTo("completed");
                          assertThat(a2a.path("outcome").asString()).isEqualTo("success");
                          assertThat(a2a.path("events").asInt()).isEqualTo(4);
                        })
                    .anySatisfy(
                        line -> {
                          JsonNode a2a = JSON.readTree(line).path("a2a");
                          assertThat(a2a.path("method").asString()).isEqualTo("GetTask");
                          assertThat(a2a.path("task_id").asString()).isEqualTo(taskId);
                          assertThat(a2a.path("state").asString()).isEqualTo("completed");
                        }));
    // Counted when each exchange ends, which may be just after the client has its answer.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(calls("echo-prefixed", "SendStreamingMessage", "success", "completed"))
                  .isPositive();
              assertThat(calls("echo-prefixed", "SendMessage", "success", "none")).isPositive();
              assertThat(calls("echo-prefixed", "GetTask", "success", "completed")).isPositive();
            });
  }

  @Test
  void sdkClientTalksV03ThroughTheRootRoute() {
    int agentLines = AGENT.log().size();

    JsonNode out = runClient(GATEWAY + "/.well-known/agent.json", "--protocol", "0.3");

    assertThat(out.path("protocol").asString()).isEqualTo("0.3");
    assertThat(out.path("cardUrl").asString()).startsWith(GATEWAY + "/");
    assertThat(out.path("sendReply").asString()).isEqualTo("echo: hello");
    assertThat(out.path("streamEvents").values())
        .extracting(JsonNode::asString)
        .endsWith("status-update:completed");
    assertThat(out.path("taskState").asString()).isEqualTo("completed");
    assertEveryAgentRequestCameThroughTheGateway(agentLines, 4);
    assertThat(calls("echo-root", "SendStreamingMessage", "success", "completed")).isPositive();
  }

  @Test
  void hybridCardIsRewrittenForForwardedClientsAndKeepsItsOtherFields() throws Exception {
    byte[] direct = fetch("http://127.0.0.1:" + AGENT.port() + "/.well-known/agent-card.json");
    JsonNode original = JSON.readTree(direct);

    var result =
        gateway
            .get()
            .uri("/agents/echo/.well-known/agent-card.json")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "agents.example.com")
            .header("X-Forwarded-Prefix", "/edge")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .returnResult();
    byte[] body = result.getResponseBodyContent();
    JsonNode card = JSON.readTree(body);

    String base = "https://agents.example.com/edge/agents/echo";
    assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(body.length);
    assertThat(card.path("url").asString()).isEqualTo(base + "/");
    assertThat(card.path("additionalInterfaces").values())
        .extracting(i -> i.path("url").asString())
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith(base + "/"))
        .contains(base + "/rest");
    assertThat(card.path("supportedInterfaces").values())
        .extracting(i -> i.path("url").asString())
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith(base + "/"));
    assertThat(card.path("name")).isEqualTo(original.path("name"));
    assertThat(card.path("skills")).isEqualTo(original.path("skills"));
    assertThat(card.has("signatures")).isEqualTo(original.has("signatures"));
    assertThat(card.propertyNames()).containsExactlyElementsOf(original.propertyNames());
  }

  @Test
  void streamsPassThroughUnbuffered() {
    String request =
        """
        {"jsonrpc":"2.0","id":7,"method":"message/stream","params":{"message":{"kind":"message",
        "messageId":"m-stream","role":"user","parts":[{"kind":"text","text":"run a task"}]}}}
        """;
    List<Long> arrivals = new ArrayList<>();
    List<String> events =
        gateway
            .post()
            .uri("/agents/echo/")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .bodyValue(request)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .doOnNext(e -> arrivals.add(System.nanoTime()))
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(events).hasSize(4);
    assertThat(events.get(3)).contains("\"completed\"");
    // The agent spaces its events by STEP_DELAY_MS: a buffering gateway would deliver them at once.
    long spreadMillis = (arrivals.get(3) - arrivals.get(0)) / 1_000_000;
    assertThat(spreadMillis).isGreaterThanOrEqualTo(STEP_DELAY_MS);
  }

  @Test
  void cardsThatAreNotJsonPassThroughWithAWarning() {
    String html =
        gateway
            .get()
            .uri("/broken/.well-known/agent.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html).isEqualTo(BROKEN_HTML);

    String notJson =
        gateway
            .get()
            .uri("/broken/.well-known/agent-card.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(notJson).isEqualTo(BROKEN_JSON);

    assertThat(cardLog.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("/broken/.well-known/agent.json passed through unchanged")
                    .contains("not JSON"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("/broken/.well-known/agent-card.json passed through unchanged")
                    .contains("not valid JSON"));
  }

  @Test
  void aCallWithANonJsonAnswerIsPassedThroughAndCountedAsUnreadable() {
    double before = calls("broken", "SendMessage", "unreadable", "none");
    gateway
        .post()
        .uri("/broken/")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{}}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("plain text, not JSON-RPC");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(calls("broken", "SendMessage", "unreadable", "none"))
                    .isEqualTo(before + 1));
  }

  // --- helpers

  static final String BROKEN_HTML = "<html><body>no card here</body></html>";
  static final String BROKEN_JSON = "{\"name\": \"half a card\", \"url\": ";

  /** An "agent" whose cards are broken and whose JSON-RPC endpoint answers plain text. */
  static DisposableServer brokenAgent() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .route(
            r ->
                r.get(
                        "/broken/.well-known/agent.json",
                        (req, res) ->
                            res.header(HttpHeaders.CONTENT_TYPE, "text/html")
                                .sendString(Mono.just(BROKEN_HTML)))
                    .get(
                        "/broken/.well-known/agent-card.json",
                        (req, res) ->
                            res.header(HttpHeaders.CONTENT_TYPE, "application/json")
                                .sendString(Mono.just(BROKEN_JSON)))
                    .post(
                        "/broken/",
                        (req, res) ->
                            req.receive()
                                .then(
                                    res.header(HttpHeaders.CONTENT_TYPE, "text/plain")
                                        .sendString(Mono.just("plain text, not JSON-RPC"))
                                        .then())))
        .bindNow();
  }

  static JsonNode runClient(String... args) {
    ClientRun run = A2aPeers.runClient(args);
    assertThat(run.exitCode()).as("client stderr: %s", run.stderr()).isZero();
    String last = run.stdout().strip().lines().reduce((a, b) -> b).orElse("");
    return JSON.readTree(last);
  }

  /** Every request the agent logged since {@code from} carries the header the gateway sets. */
  static void assertEveryAgentRequestCameThroughTheGateway(int from, int atLeast) {
    // The agent's stderr is read by another thread: wait for its last lines.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              List<String> requests =
                  AGENT.log().stream().skip(from).filter(l -> l.contains(" A2A-Version=")).toList();
              assertThat(requests).hasSizeGreaterThanOrEqualTo(atLeast);
              assertThat(requests).allSatisfy(l -> assertThat(l).endsWith("X-Agw-Via=gateway"));
            });
  }

  double calls(String route, String method, String outcome, String state) {
    Timer timer =
        meters
            .find(A2aTelemetry.CALLS)
            .tags("route", route, "method", method, "outcome", outcome, "state", state)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  List<String> accessLines() {
    return accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  static byte[] fetch(String url) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  static void attach(String logger, ListAppender<ILoggingEvent> appender) {
    appender.start();
    ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
