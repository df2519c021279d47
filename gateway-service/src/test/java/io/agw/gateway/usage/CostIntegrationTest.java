package io.agw.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of a call through the packaged configuration path: an OpenAI simulator answers with
 * {@code gpt-3.5-turbo-0125} and 17 prompt / 23 completion tokens, the file's inline {@code
 * modelCatalog} prices {@code gpt-3.5-turbo}; the access-log line and the {@code agw.llm.cost}
 * counter show the same cost, the counter is tagged with the team {@code config.standardAttributes}
 * names, and saving the file with new rates changes the price of the next call.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "agw.usage.builtin-catalog=false")
@AutoConfigureWebTestClient
class CostIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final RedisServer REDIS = startRedis();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static Path file;

  static String config(String inputRate) {
    return """
        config:
          modelCatalog:
            - inline:
                providers:
                  openai:
                    models:
                      gpt-3.5-turbo:
                        rates: {input: "%s", output: "2"}
                      gpt-3.5-turbo-cut:
                        rates: {input: "1", output: "2"}
                      gpt-3.5-turbo-metered:
                        rates: {input: "1", output: "2"}
          standardAttributes:
            group: 'request.headers["x-team"]'
        binds:
        - port: %d
          listeners:
          - routes:
            - name: openai
              matches:
              - path: {pathPrefix: /openai}
              backends:
              - ai:
                  name: openai
                  provider:
                    openAI: {}
                  hostOverride: %s
                  policies:
                    backendAuth:
                      key: sk-gateway-openai-secret
            - name: metered
              matches:
              - path: {pathPrefix: /metered}
              policies:
                remoteRateLimit:
                  redis: %s
                  domain: cost
                  descriptors:
                  # A budget of 100 micro-USD per hour, charged the cost of each finished call.
                  - entries: [{key: route, value: '"metered"'}]
                    type: tokens
                    cost: llm.cost.total * 1000000.0
                    limit: {maxTokens: 100, fillInterval: 1h}
              backends:
              - ai:
                  name: metered
                  provider:
                    openAI: {}
                  hostOverride: %s
                  policies:
                    backendAuth:
                      key: sk-gateway-openai-secret
        """
        .formatted(inputRate, PORT, OPENAI.hostPort(), REDIS.url(), OPENAI.hostPort());
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    file = Files.createTempDirectory("agw-cost").resolve("config.yaml");
    Files.writeString(file, config("1"));
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static RedisServer startRedis() {
    try {
      return new RedisServer().start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    OPENAI.close();
    REDIS.close();
  }

  @Autowired WebTestClient admin;

  final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();
  final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

  @BeforeEach
  void captureAccessLog() {
    admin = admin.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    accessLog.start();
    ((Logger) LoggerFactory.getLogger("agw.access")).addAppender(accessLog);
  }

  @AfterEach
  void releaseAccessLog() {
    ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(accessLog);
  }

  @Test
  void theAccessLogAndTheCounterShowTheCostAndAReloadChangesThePrice() throws Exception {
    double before = counter("blue");

    JsonNode line = call("blue");

    // 17 x 1 + 23 x 2 per million tokens.
    assertThat(line.path("agw.ai.usage.cost.total").asDouble()).isCloseTo(63e-6, within(1e-12));
    assertThat(line.path("agw.ai.usage.cost.input").asDouble()).isCloseTo(17e-6, within(1e-12));
    assertThat(line.path("agw.ai.usage.cost.output").asDouble()).isCloseTo(46e-6, within(1e-12));
    assertThat(line.path("agw.ai.usage.cost.source").asString()).isEqualTo("provider");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(counter("blue") - before).isCloseTo(63e-6, within(1e-12)));

    Files.writeString(file, config("10"));

    // 17 x 10 + 23 x 2 once the saved file is in force.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(call("green").path("agw.ai.usage.cost.total").asDouble())
                    .isCloseTo(216e-6, within(1e-12)));
    assertThat(counter("green")).isGreaterThanOrEqualTo(216e-6);
  }

  @Test
  void aStreamCutBeforeItsUsageIsChargedForWhatTheGatewayStreamed() {
    accessLog.list.clear();
    // The simulator sends two chunks of the answer and then drops the connection: no usage.
    gateway
        .post()
        .uri("/openai/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"gpt-3.5-turbo-cut\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("\"Hi\""));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !List.copyOf(accessLog.list).isEmpty());
    JsonNode line = JSON.readTree(List.copyOf(accessLog.list).get(0).getFormattedMessage());

    assertThat(line.path("agw.ai.usage.cost.source").asString()).isEqualTo("estimated");
    double output = line.path("agw.ai.usage.cost.output").asDouble();
    // At least "Hi" was streamed: one token or more, at 2 USD per million.
    assertThat(output).isGreaterThanOrEqualTo(2e-6);
    assertThat(Math.round(output / 2e-6) * 2e-6).isCloseTo(output, within(1e-12));
    assertThat(line.path("agw.ai.usage.cost.total").asDouble()).isCloseTo(output, within(1e-12));
  }

  @Test
  void aRateLimitDescriptorCanChargeTheCostOfEachCall() throws InterruptedException {
    // The simulator answers as gpt-3.5-turbo-0125 with 17 + 23 tokens, priced at 63 micro-USD
    // (216 once the other test has raised the input rate) against a bucket of 100: the first call
    // finds the bucket full, the second or the third finds it spent. Counted in tokens (40 per
    // call, the descriptor's default) all three would pass.
    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(metered());
      // The charge is made once the answer is written; give it time to reach Redis.
      Thread.sleep(500);
    }
    assertThat(statuses.get(0)).isEqualTo(200);
    assertThat(statuses).contains(429);
  }

  private int metered() {
    return gateway
        .post()
        .uri("/metered/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"gpt-3.5-turbo-metered\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  /** Sends a chat completion for {@code team} and returns its access-log line. */
  private JsonNode call(String team) {
    accessLog.list.clear();
    gateway
        .post()
        .uri("/openai/v1/chat/completions")
        .header("x-team", team)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !List.copyOf(accessLog.list).isEmpty());
    return JSON.readTree(List.copyOf(accessLog.list).get(0).getFormattedMessage());
  }

  /** The {@code agw.llm.cost} counter of {@code team}'s calls, 0 before the first. */
  private double counter(String team) {
    String body =
        admin
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Matcher m = Pattern.compile("(?m)^agw_llm_cost_usd_total\\{([^}]*)\\} (\\S+)$").matcher(body);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains("team=\"" + team + "\"")) {
        assertThat(m.group(1)).contains("gen_ai_provider_name=\"openai\"", "source=\"provider\"");
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
