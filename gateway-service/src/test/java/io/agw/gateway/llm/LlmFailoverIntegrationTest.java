package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.llm.balance.Endpoint;
import io.agw.gateway.llm.balance.Endpoints;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator.Kind;
import io.agw.gateway.llm.telemetry.LlmChoiceMetrics;
import io.agw.gateway.support.FreePorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Failover between priority groups, retries within a group, ejection and power-of-two-choices
 * balancing, against real local provider simulators ({@code gateway/llm-failover.yaml}): each case
 * has its own primary (answering 503 or 429, refusing connections, breaking its stream, failing
 * twice, or slow) in front of an Anthropic secondary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmFailoverIntegrationTest {

  static final ProviderSimulator P503 = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator P429 = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator PEJECT = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator PCUT = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator PFLAKY = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator FAST = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator SLOW = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator SECONDARY = ProviderSimulator.start(Kind.ANTHROPIC);
  static final ProviderSimulator PFLAG = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator STEADY = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator PTOL = ProviderSimulator.start(Kind.OPENAI);
  static final ProviderSimulator PCOND = ProviderSimulator.start(Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final int DEAD = FreePorts.closed();
  static final int LLM_PORT = FreePorts.next();

  static final String CHAT =
      """
      {"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}""";
  static final String STREAM =
      """
      {"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                LlmFailoverIntegrationTest.class
                    .getResourceAsStream("/gateway/llm-failover.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${LLM_PORT}", Integer.toString(LLM_PORT))
            .replace("${P503}", P503.hostPort())
            .replace("${P429}", P429.hostPort())
            .replace("${DEAD}", "127.0.0.1:" + DEAD)
            .replace("${PEJECT}", PEJECT.hostPort())
            .replace("${PCUT}", PCUT.hostPort())
            .replace("${PFLAKY}", PFLAKY.hostPort())
            .replace("${FAST}", FAST.hostPort())
            .replace("${SLOW}", SLOW.hostPort())
            .replace("${SECONDARY}", SECONDARY.hostPort())
            .replace("${PFLAG}", PFLAG.hostPort())
            .replace("${STEADY}", STEADY.hostPort())
            .replace("${PTOL}", PTOL.hostPort())
            .replace("${PCOND}", PCOND.hostPort());
    Path file = Files.createTempDirectory("agw-failover").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @Autowired MeterRegistry meters;
  @Autowired Endpoints endpoints;

  final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();
  final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

  @BeforeEach
  void setUp() {
    for (ProviderSimulator sim :
        List.of(
            P503, P429, PEJECT, PCUT, PFLAKY, FAST, SLOW, SECONDARY, PFLAG, STEADY, PTOL, PCOND)) {
      sim.clear();
    }
    P503.failNext(Integer.MAX_VALUE, 503);
    P429.failNext(Integer.MAX_VALUE, 429);
    PEJECT.failNext(Integer.MAX_VALUE, 503);
    accessLog.start();
    ((Logger) LoggerFactory.getLogger("agw.access")).addAppender(accessLog);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(accessLog);
  }

  @Test
  void aPrimaryAnswering503FailsOverToTheSecondaryInItsOwnDialectAndCredentials() {
    EntityExchangeResult<byte[]> result = post("/s503/v1/chat/completions", CHAT);

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(utf8(result)).contains("\"object\":\"chat.completion\"");
    assertThat(P503.received()).hasSize(1);
    assertThat(P503.last().headers().get("authorization")).isEqualTo("Bearer sk-primary");
    assertThat(P503.last().uri()).isEqualTo("/v1/chat/completions");
    ProviderSimulator.Received second = SECONDARY.last();
    assertThat(second.uri()).isEqualTo("/v1/messages");
    assertThat(second.headers().get("x-api-key")).isEqualTo("sk-secondary");
    assertThat(second.headers()).doesNotContainKey("authorization");
    assertThat(second.json().path("max_tokens").isNumber()).isTrue();
    assertThat(accessLine("/s503/"))
        .contains("\"llm_provider\":\"secondary\"")
        .contains("\"llm_failover\":[{\"provider\":\"primary-503\",\"reason\":\"503\"}]");
    assertThat(failovers("primary-503", "503", "failover")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aStreamFailsOverBeforeItsFirstEvent() {
    EntityExchangeResult<byte[]> result = post("/s503/v1/chat/completions", STREAM);

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(result.getResponseHeaders().getContentType().toString())
        .startsWith("text/event-stream");
    String body = utf8(result);
    assertThat(body).contains("chat.completion.chunk").contains("data: [DONE]");
    assertThat(body).doesNotContain("simulated 503");
    assertThat(P503.received()).hasSize(1);
    assertThat(SECONDARY.received()).hasSize(1);
  }

  @Test
  void aPrimaryAnswering429FailsOverForPlainAndStreamedRequests() {
    EntityExchangeResult<byte[]> plain = post("/s429/v1/chat/completions", CHAT);
    EntityExchangeResult<byte[]> stream = post("/s429/v1/chat/completions", STREAM);

    assertThat(plain.getStatus().value()).isEqualTo(200);
    assertThat(plain.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(stream.getStatus().value()).isEqualTo(200);
    assertThat(stream.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(utf8(stream)).contains("data: [DONE]");
    assertThat(P429.received()).hasSize(2);
    assertThat(SECONDARY.received()).hasSize(2);
  }

  @Test
  void aPrimaryRefusingConnectionsFailsOverForPlainAndStreamedRequests() {
    EntityExchangeResult<byte[]> plain = post("/refused/v1/chat/completions", CHAT);
    EntityExchangeResult<byte[]> stream = post("/refused/v1/chat/completions", STREAM);

    assertThat(plain.getStatus().value()).isEqualTo(200);
    assertThat(plain.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(utf8(plain)).contains("\"object\":\"chat.completion\"");
    assertThat(stream.getStatus().value()).isEqualTo(200);
    assertThat(stream.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(utf8(stream)).contains("data: [DONE]");
    assertThat(SECONDARY.received()).hasSize(2);
    assertThat(failovers("primary-refused", "connect", "failover")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFailingPrimaryIsEjectedSoTheNextRequestGoesStraightToTheSecondary() {
    double before = ejections("primary-eject");

    EntityExchangeResult<byte[]> first = post("/eject/v1/chat/completions", CHAT);
    EntityExchangeResult<byte[]> second = post("/eject/v1/chat/completions", CHAT);

    assertThat(first.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    assertThat(second.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    // The default ejection lasts 10 s: the second request does not try the primary.
    assertThat(PEJECT.received()).hasSize(1);
    assertThat(SECONDARY.received()).hasSize(2);
    assertThat(ejections("primary-eject") - before).isEqualTo(1.0);
  }

  @Test
  void anAnswerTheUnhealthyExpressionFlagsTakesItsProviderOutForTheEvictionPeriod() {
    PFLAG.failNext(Integer.MAX_VALUE, 400);
    double before = ejections("flagged");

    // Power of two choices tries an unmeasured provider early; send until the flagged one answered.
    for (int i = 0; i < 20 && PFLAG.received().isEmpty(); i++) {
      post("/flagged/v1/chat/completions", CHAT);
    }
    assertThat(PFLAG.received()).hasSize(1);
    assertThat(ejections("flagged") - before).isEqualTo(1.0);
    Endpoint flagged = endpoint("flagged");
    assertThat(flagged.ejected()).isTrue();
    // eviction.duration (60 s), not the default 10 s
    assertThat(flagged.ejectedForNanos()).isGreaterThan(Duration.ofSeconds(30).toNanos());

    int steadyBefore = STEADY.received().size();
    for (int i = 0; i < 5; i++) {
      EntityExchangeResult<byte[]> result = post("/flagged/v1/chat/completions", CHAT);
      assertThat(result.getStatus().value()).isEqualTo(200);
      assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("steady");
    }
    assertThat(PFLAG.received()).hasSize(1);
    assertThat(STEADY.received()).hasSize(steadyBefore + 5);
    assertThat(endpoint("steady").ejected()).isFalse();
  }

  @Test
  void anAnswerTheUnhealthyExpressionDoesNotFlagKeepsItsProviderIn() {
    PTOL.failNext(Integer.MAX_VALUE, 503);
    double before = ejections("primary-tolerated");

    for (int i = 0; i < 2; i++) {
      EntityExchangeResult<byte[]> result = post("/tolerated/v1/chat/completions", CHAT);
      assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("secondary");
    }
    // Unlike primary-eject, it is tried again: a 503 is not what its expression calls unhealthy.
    assertThat(PTOL.received()).hasSize(2);
    assertThat(ejections("primary-tolerated") - before).isZero();
    assertThat(endpoint("primary-tolerated").ejected()).isFalse();
  }

  @Test
  void theRetryConditionRetriesAnAnswerTheCodesDoNotList() {
    PCOND.failNext(1, 400);

    EntityExchangeResult<byte[]> result = post("/conditions/v1/chat/completions", CHAT);

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider"))
        .isEqualTo("primary-conditions");
    assertThat(PCOND.received()).hasSize(2);
    assertThat(SECONDARY.received()).isEmpty();
  }

  @Test
  void aRequestTheRetryPreconditionRefusesIsTriedOnceWithoutFailover() {
    PCOND.failNext(1, 503);

    EntityExchangeResult<byte[]> refused =
        gateway
            .post()
            .uri("/conditions/v1/chat/completions")
            .header("x-no-retry", "yes")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(CHAT)
            .exchange()
            .expectBody()
            .returnResult();

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(PCOND.received()).hasSize(1);
    assertThat(SECONDARY.received()).isEmpty();

    // Without the header the same failure is retried.
    PCOND.clear();
    PCOND.failNext(1, 503);
    assertThat(post("/conditions/v1/chat/completions", CHAT).getStatus().value()).isEqualTo(200);
    assertThat(PCOND.received()).hasSize(2);
  }

  private Endpoint endpoint(String provider) {
    return endpoints.withPrefix("").values().stream()
        .filter(e -> e.name().equals(provider))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aStreamThatBreaksAfterItStartedIsNotRetried() {
    EntityExchangeResult<byte[]> result =
        post(
            "/cut/v1/chat/completions",
            """
            {"model":"gpt-cut","stream":true,"messages":[{"role":"user","content":"Hello"}]}""");

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("primary-cut");
    String body = utf8(result);
    assertThat(body).contains("chat.completion.chunk").contains("\"error\"");
    assertThat(body).doesNotContain("[DONE]");
    assertThat(PCUT.received()).hasSize(1);
    assertThat(SECONDARY.received()).isEmpty();
  }

  @Test
  void aVirtualModelFailsOverToItsNextPriorityTargetWithThatTargetsModel() {
    EntityExchangeResult<byte[]> result =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + LLM_PORT)
            .responseTimeout(Duration.ofSeconds(30))
            .build()
            .post()
            .uri("/v1/chat/completions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"model":"reliable","messages":[{"role":"user","content":"Hello"}]}""")
            .exchange()
            .expectBody()
            .returnResult();

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider"))
        .isEqualTo("reliable/claude-haiku");
    assertThat(P503.last().json().path("model").asString()).isEqualTo("gpt-4o");
    assertThat(SECONDARY.last().json().path("model").asString()).isEqualTo("claude-haiku");
    assertThat(SECONDARY.last().headers().get("x-api-key")).isEqualTo("sk-secondary");
  }

  @Test
  void retriesWithinAGroupComeBeforeTheNextGroup() {
    PFLAKY.failNext(2, 503);

    EntityExchangeResult<byte[]> result = post("/retry/v1/chat/completions", CHAT);

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getFirst("x-agw-provider")).isEqualTo("primary-flaky");
    assertThat(PFLAKY.received()).hasSize(3);
    assertThat(SECONDARY.received()).isEmpty();
    assertThat(failovers("primary-flaky", "503", "retry")).isEqualTo(2.0);
  }

  @Test
  void powerOfTwoChoicesSendsLessTrafficToASlowProvider() {
    SLOW.delay(Duration.ofMillis(500));
    HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + PORT);

    List<Integer> statuses =
        Flux.range(0, 200)
            .flatMap(
                i ->
                    client
                        .headers(h -> h.set("content-type", MediaType.APPLICATION_JSON_VALUE))
                        .post()
                        .uri("/p2c/v1/chat/completions")
                        .send(reactor.netty.ByteBufFlux.fromString(Mono.just(CHAT)))
                        .responseSingle((res, body) -> body.then(Mono.just(res.status().code()))),
                4)
            .collectList()
            .block(Duration.ofSeconds(120));

    assertThat(statuses).hasSize(200).containsOnly(200);
    int fast = FAST.received().size();
    int slow = SLOW.received().size();
    assertThat(fast + slow).isEqualTo(200);
    // Random choice would give the slow one about 100. With four requests in flight, the slow one
    // is only worth it when the fast one is busy enough to look worse.
    assertThat(slow).as("requests to the slow provider (fast got %d)", fast).isLessThan(50);
    // Every request is over: nothing is left counted in flight.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                endpoint("balanced", "fast", FAST).inFlight() == 0
                    && endpoint("balanced", "slow", SLOW).inFlight() == 0);
  }

  @Test
  void aClientThatGivesUpDoesNotLeaveTheProviderCountedInFlight() {
    PFLAKY.delay(Duration.ofSeconds(10));
    HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + PORT);

    Throwable gaveUp =
        catchThrowable(
            () ->
                client
                    .headers(h -> h.set("content-type", MediaType.APPLICATION_JSON_VALUE))
                    .post()
                    .uri("/retry/v1/chat/completions")
                    .send(reactor.netty.ByteBufFlux.fromString(Mono.just(CHAT)))
                    .responseSingle((res, body) -> body.asString())
                    .timeout(Duration.ofMillis(500))
                    .block());

    assertThat(gaveUp).isNotNull();
    assertThat(PFLAKY.received()).hasSize(1);
    // Released when the client's exchange is cancelled, well before the provider would answer.
    await()
        .atMost(Duration.ofSeconds(8))
        .until(() -> endpoint("retries", "primary-flaky", PFLAKY).inFlight() == 0);
  }

  private Endpoint endpoint(String route, String provider, ProviderSimulator sim) {
    String key =
        "backend/" + PORT + "/main/" + route + "/0/" + provider + "@http://" + sim.hostPort();
    return endpoints.find(key).orElseThrow(() -> new AssertionError("no endpoint " + key));
  }

  private EntityExchangeResult<byte[]> post(String path, String body) {
    return gateway
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectBody()
        .returnResult();
  }

  /** The last access-log line for a path; written just after the response, so waited for. */
  private String accessLine(String pathPrefix) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                List.copyOf(accessLog.list).stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("\"path\":\"" + pathPrefix))
                    .reduce((a, b) -> b)
                    .orElse(null),
            line -> line != null);
  }

  private double failovers(String provider, String reason, String next) {
    Counter c =
        meters
            .find(LlmChoiceMetrics.FAILOVERS)
            .tags("provider", provider, "reason", reason, "next", next)
            .counter();
    return c == null ? 0 : c.count();
  }

  private double ejections(String provider) {
    Counter c = meters.find(LlmChoiceMetrics.EJECTIONS).tag("provider", provider).counter();
    return c == null ? 0 : c.count();
  }

  private static String utf8(EntityExchangeResult<byte[]> result) {
    return new String(result.getResponseBody(), StandardCharsets.UTF_8);
  }
}
