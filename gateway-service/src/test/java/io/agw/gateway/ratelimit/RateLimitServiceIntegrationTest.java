package io.agw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.type.v3.RateLimitUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code remoteRateLimit} against a real Envoy rate limit service (grpc-java on Envoy's stubs, on
 * loopback, counting per descriptor with a limit of 3): agentgateway's {@code
 * traffic-ratelimiting-global} example as written (its service and backend moved to loopback),
 * descriptors from CEL, {@code cost} and {@code limitOverride}, both failure modes, and token
 * descriptors on a real LLM route (the prompt estimate before the call, the rest of the usage after
 * it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitServiceIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final TestRateLimitServer RLS = server();
  static final int PORT = FreePorts.next();
  static final int PORT2 = FreePorts.next();

  static TestRateLimitServer server() {
    try {
      return new TestRateLimitServer(3);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String example =
        read("/agentgateway-examples/traffic-ratelimiting-global/config.yaml")
            .replace("port: 3000", "port: " + PORT)
            .replace("host: \"127.0.0.1:8081\"", "host: \"" + RLS.hostPort() + "\"")
            .replace("host: localhost:8080", "host: " + UP.hostPort())
            // No collector in this test; the example's tracing block stays otherwise as written.
            .replace("http://localhost:4317", "http://127.0.0.1:" + FreePorts.closed());
    String extra =
        read("/ratelimit/rls-extra-bind.yaml")
            .replace("${PORT2}", Integer.toString(PORT2))
            .replace("${RLS}", RLS.hostPort())
            .replace("${UP}", UP.hostPort())
            .replace("${OPENAI}", OPENAI.hostPort())
            .replace("${DOWN}", "127.0.0.1:" + FreePorts.closed());
    assertThat(example.stripTrailing()).endsWith("- host: " + UP.hostPort());
    Path file = Files.createTempDirectory("agw-rls").resolve("config.yaml");
    // The example's binds are the file's last block: the test's bind is appended to that list.
    Files.writeString(file, example.stripTrailing() + "\n" + extra);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static String read(String resource) throws Exception {
    return new String(
        RateLimitServiceIntegrationTest.class.getResourceAsStream(resource).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws Exception {
    UP.close();
    OPENAI.close();
    RLS.close();
  }

  final WebTestClient example = client(PORT);
  final WebTestClient gateway = client(PORT2);

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  @BeforeEach
  void reset() {
    UP.reset();
    OPENAI.clear();
    RLS.reset();
  }

  static Map<String, String> entries(RateLimitDescriptor d) {
    return d.getEntriesList().stream()
        .collect(
            Collectors.toMap(
                RateLimitDescriptor.Entry::getKey, RateLimitDescriptor.Entry::getValue));
  }

  @Test
  void theGlobalRateLimitingExampleAsksTheServiceAndRefusesOverTheLimit() {
    for (int i = 1; i <= 3; i++) {
      example
          .get()
          .uri("/items?page=" + i)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals("x-ratelimit-limit", "3")
          .expectHeader()
          .valueEquals("x-ratelimit-remaining", Integer.toString(3 - i))
          .expectHeader()
          .valueEquals("x-ratelimit-reset", "42")
          .expectHeader()
          .valueEquals("x-rls-domain", "agentgateway");
      var up = UP.received();
      assertThat(up.get(up.size() - 1).headers()).containsEntry("x-rls-checked", "1");
    }
    RateLimitRequest first = RLS.received.get(0);
    assertThat(first.getDomain()).isEqualTo("agentgateway");
    assertThat(first.getDescriptorsList()).hasSize(1);
    assertThat(entries(first.getDescriptors(0)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("method", "GET", "path", "/items"));
    assertThat(first.getDescriptors(0).hasHitsAddend()).isFalse();

    example
        .get()
        .uri("/items")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("x-ratelimit-remaining", "0")
        .expectHeader()
        .valueEquals("retry-after", "42")
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("rate_limited");
    assertThat(UP.received()).hasSize(3);

    // Another path is another descriptor, counted apart.
    example.post().uri("/other").exchange().expectStatus().isOk();
  }

  @Test
  void descriptorsComeFromCelAndOneThatFailsIsLeftOut() {
    for (int i = 0; i < 3; i++) {
      gateway.get().uri("/limited").header("x-user", "ann").exchange().expectStatus().isOk();
    }
    gateway.get().uri("/limited").header("x-user", "ann").exchange().expectStatus().isEqualTo(429);
    gateway.get().uri("/limited").header("x-user", "bob").exchange().expectStatus().isOk();
    assertThat(entries(RLS.received.get(4).getDescriptors(0)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("user", "bob", "tier", "gold"));
    assertThat(RLS.received).allMatch(r -> r.getDomain().equals("users"));

    // Without the header the only descriptor cannot be built: no call, the request goes on.
    int calls = RLS.received.size();
    gateway.get().uri("/limited").exchange().expectStatus().isOk();
    assertThat(RLS.received).hasSize(calls);
  }

  @Test
  void costAndLimitOverrideAreSent() {
    gateway.get().uri("/costly").header("x-cost", "5").exchange().expectStatus().isOk();
    RateLimitDescriptor sent = RLS.received.get(0).getDescriptors(0);
    assertThat(sent.getHitsAddend().getValue()).isEqualTo(5);
    assertThat(sent.getLimit().getRequestsPerUnit()).isEqualTo(7);
    assertThat(sent.getLimit().getUnit()).isEqualTo(RateLimitUnit.MINUTE);
    // 5 + 5 passes the overridden limit of 7.
    gateway
        .get()
        .uri("/costly")
        .header("x-cost", "5")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("x-ratelimit-limit", "7");
    // A cost that does not evaluate leaves the descriptor out: no call.
    gateway.get().uri("/costly").header("x-cost", "many").exchange().expectStatus().isOk();
    assertThat(RLS.received).hasSize(2);
  }

  @Test
  void anUnreachableServiceFollowsTheFailureMode() {
    gateway.get().uri("/open").exchange().expectStatus().isOk();
    gateway
        .get()
        .uri("/closed")
        .exchange()
        .expectStatus()
        .isEqualTo(500)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("rate_limit_unavailable");
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void tokenDescriptorsCountThePromptEstimateThenTheRestOfTheUsage() {
    String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    byte[] body =
        gateway
            .post()
            .uri("/llm/v1/chat/completions")
            .header("x-user", "tok")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(chat)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode usage = JsonMapper.builder().build().readTree(body).path("usage");
    long input = usage.path("prompt_tokens").asLong();
    long output = usage.path("completion_tokens").asLong();
    assertThat(input + output).isPositive();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(RLS.received).hasSize(2));
    RateLimitRequest before = RLS.received.get(0);
    RateLimitRequest after = RLS.received.get(1);
    assertThat(before.getDomain()).isEqualTo("tokens");
    assertThat(entries(before.getDescriptors(0))).containsExactly(Map.entry("user", "tok"));
    long estimate = before.getDescriptors(0).getHitsAddend().getValue();
    assertThat(estimate).isPositive();
    assertThat(entries(after.getDescriptors(0))).containsExactly(Map.entry("user", "tok"));
    assertThat(after.getDescriptors(0).getHitsAddend().getValue())
        .isEqualTo(input - estimate + output);

    // The counter now holds the whole usage, past the limit of 3: the next call is refused in
    // the client's API format before it reaches the provider.
    assertThat(RLS.counters).containsEntry("tokens|user=tok", input + output);
    int reached = OPENAI.received().size();
    gateway
        .post()
        .uri("/llm/v1/chat/completions")
        .header("x-user", "tok")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(chat)
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectBody()
        .jsonPath("$.error.type")
        .value(t -> assertThat((String) t).startsWith("rate_limit"));
    assertThat(OPENAI.received()).hasSize(reached);
  }
}
