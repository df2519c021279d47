package io.agw.gateway.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budgets through the running gateway: OpenAI and Anthropic simulators behind AI routes, budgets
 * created through the admin API, its own SQLite usage database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token", "agw.budgets.default-max-output-tokens=16"})
@Import(BudgetTestBeans.class)
class BudgetGatewayIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final ProviderSimulator STREAMS = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  static final int PORT = FreePorts.next();
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** About 60 tokens by jtokkit's estimate, more than the 17 the simulator reports. */
  static final String PROMPT =
      "Please read this sentence carefully and then answer with one short word only, because the"
          + " budget of this route is small and every token of the answer and of this prompt is"
          + " counted against it, both before and after the call, by the gateway in front of the"
          + " provider.";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-budgets");
    String yaml =
        new String(
                BudgetGatewayIntegrationTest.class
                    .getResourceAsStream("/gateway/budgets.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${OPENAI}", OPENAI.hostPort())
            .replace("${STREAMS}", STREAMS.hostPort())
            .replace("${ANTHROPIC}", ANTHROPIC.hostPort());
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.database.url", () -> "sqlite:" + dir.resolve("agw.db"));
  }

  @AfterAll
  static void stop() {
    OPENAI.close();
    STREAMS.close();
    ANTHROPIC.close();
  }

  @LocalServerPort int adminPort;
  @Autowired MeterRegistry meters;

  final WebClient gateway = WebClient.builder().baseUrl("http://127.0.0.1:" + PORT).build();

  WebClient admin() {
    return WebClient.builder()
        .baseUrl("http://127.0.0.1:" + adminPort)
        .defaultHeader("Authorization", "Bearer test-admin-token")
        .build();
  }

  record Answer(int status, String body, Map<String, List<String>> headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Answer call(WebClient client, String method, String uri, String body, String... headers) {
    return send(client, method, uri, body, headers).block(Duration.ofSeconds(30));
  }

  Mono<Answer> send(WebClient client, String method, String uri, String body, String... headers) {
    var spec = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
    for (int i = 0; i < headers.length; i += 2) {
      spec = spec.header(headers[i], headers[i + 1]);
    }
    var request =
        body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    return request.exchangeToMono(
        r ->
            r.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(
                    b ->
                        new Answer(
                            r.statusCode().value(),
                            b,
                            r.headers().asHttpHeaders().asMultiValueMap())));
  }

  String createBudget(String json) {
    Answer created = call(admin(), "POST", "/api/v1/budgets", json);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().get("Location"))
        .containsExactly("/api/v1/budgets/" + created.json().path("id").asString());
    return created.json().path("id").asString();
  }

  JsonNode spend(String id) {
    Answer a = call(admin(), "GET", "/api/v1/budgets/" + id + "/spend", null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  static String chat(String model, int maxTokens, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":"
        + maxTokens
        + (stream ? ",\"stream\":true" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + PROMPT
        + "\"}]}";
  }

  @Test
  void fiftyConcurrentCallsNeverOvershootANearlySpentHardBudget() {
    // Each call reserves its prompt estimate (~60) + 30 and really costs 40 tokens (17 + 23).
    String id =
        createBudget(
            "{\"scope\":\"route\",\"subject\":\"openai\",\"unit\":\"tokens\",\"amount\":400,"
                + "\"window\":\"daily\",\"timeZone\":\"Europe/Berlin\"}");
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    Flux.range(0, 50)
        .flatMap(
            i ->
                Mono.fromCallable(
                        () ->
                            call(
                                gateway,
                                "POST",
                                "/openai/v1/chat/completions",
                                chat("gpt-4o", 30, false)))
                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()),
            50)
        .doOnNext(answers::add)
        .blockLast(Duration.ofSeconds(120));

    List<Answer> ok = answers.stream().filter(a -> a.status() == 200).toList();
    List<Answer> refused = answers.stream().filter(a -> a.status() == 429).toList();
    assertThat(ok.size() + refused.size()).isEqualTo(50);
    assertThat(ok).isNotEmpty();
    assertThat(refused).isNotEmpty();
    for (Answer a : refused) {
      JsonNode error = a.json().path("error");
      assertThat(error.path("type").asString()).isEqualTo("rate_limit_exceeded");
      assertThat(error.path("code").asString()).isEqualTo("budget_exceeded");
      assertThat(error.path("message").asString())
          .contains(id, "route 'openai'", "daily", "400 tokens");
      assertThat(a.headers().get("Retry-After")).isNotNull();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(spend(id).path("reserved").asLong()).isZero());
    JsonNode spend = spend(id);
    // Every call's reservation covered its real cost, so the stated bound is no overshoot at all.
    assertThat(spend.path("spent").asLong()).isEqualTo(40L * ok.size()).isLessThanOrEqualTo(400);
    assertThat(meters.counter("agw.budget.refused", "scope", "route").count())
        .isGreaterThanOrEqualTo(refused.size());
  }

  @Test
  void anthropicClientsAreRefusedInAnthropicsFormatWithTheUsdBudgetNamed() {
    String id =
        createBudget(
            "{\"scope\":\"route\",\"subject\":\"anthropic\",\"unit\":\"usd\",\"amount\":0.01,"
                + "\"window\":\"monthly\"}");
    // 1000 output tokens at 15 USD per million are 0.015 USD: more than the budget holds.
    Answer refused =
        call(gateway, "POST", "/anthropic/v1/messages", chat("claude-sonnet-4-5", 1000, false));
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().path("type").asString()).isEqualTo("error");
    assertThat(refused.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
    assertThat(refused.json().path("error").path("message").asString())
        .contains(id, "route 'anthropic'", "monthly", "0.01 USD");
    assertThat(refused.headers().get("Retry-After")).isNotNull();
    assertThat(ANTHROPIC.received()).isEmpty();

    // 100 output tokens fit (about 0.0017 USD) and are settled to the reported usage.
    Answer ok =
        call(gateway, "POST", "/anthropic/v1/messages", chat("claude-sonnet-4-5", 100, false));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode spend = spend(id);
              assertThat(spend.path("reserved").asDouble()).isZero();
              assertThat(spend.path("spent").asDouble()).isGreaterThan(0).isLessThan(0.001);
            });
  }

  @Test
  void aStreamIsCutWithAnErrorEventWhenItsBudgetRunsOut() {
    STREAMS.answerWith("abc".repeat(300));
    String id =
        createBudget(
            "{\"scope\":\"route\",\"subject\":\"streams\",\"unit\":\"tokens\",\"amount\":200,"
                + "\"window\":\"lifetime\"}");
    String body =
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    Answer streamed = call(gateway, "POST", "/streams/v1/chat/completions", body);
    assertThat(streamed.status()).isEqualTo(200);
    assertThat(streamed.body())
        .contains("\"content\":\"abc\"")
        .contains("rate_limit_error")
        .contains("the answer was cut: budget " + id)
        .doesNotContain("[DONE]");
    assertThat(streamed.body().split("\"content\":\"abc\"", -1).length - 1).isLessThan(300);
  }

  @Test
  void passthroughCallsAreChargedAndRefusedToo() {
    String id =
        createBudget(
            "{\"scope\":\"route\",\"subject\":\"passthrough\",\"unit\":\"tokens\",\"amount\":30,"
                + "\"window\":\"weekly\"}");
    String body = "{\"model\":\"gpt-4o\",\"input\":\"hi\"}";
    Answer first = call(gateway, "POST", "/passthrough/v1/audio/speech", body);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(spend(id).path("spent").asLong()).isPositive());
    Answer second = call(gateway, "POST", "/passthrough/v1/audio/speech", body);
    assertThat(second.status()).as(second.body()).isEqualTo(429);
    assertThat(second.body()).contains(id);
  }

  @Test
  void aSoftBudgetLetsCallsPassAndMovesTheAlertCounter() {
    createBudget(
        "{\"scope\":\"route\",\"subject\":\"soft\",\"unit\":\"tokens\",\"amount\":10,"
            + "\"mode\":\"soft\"}");
    double before = meters.counter("agw.budget.exceeded", "mode", "soft").count();
    Answer a = call(gateway, "POST", "/soft/v1/chat/completions", chat("gpt-4o", 30, false));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(meters.counter("agw.budget.exceeded", "mode", "soft").count()).isGreaterThan(before);
  }

  @Test
  void aTeamBudgetHoldsTheTeamsKey() {
    String id =
        createBudget(
            "{\"scope\":\"team\",\"subject\":\"alpha\",\"unit\":\"tokens\",\"amount\":50}");
    Answer refused =
        call(
            gateway,
            "POST",
            "/keyed/v1/chat/completions",
            chat("gpt-4o", 30, false),
            "Authorization",
            "Bearer sk-team-alpha");
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.body()).contains(id, "team 'alpha'");
  }

  @Test
  void aKeyBudgetIsNamedByTheKeysIdNeverItsSecret() throws Exception {
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest("sk-key-beta".getBytes(StandardCharsets.UTF_8));
    String keyId = "sha256:" + java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    String id =
        createBudget(
            "{\"scope\":\"key\",\"subject\":\"" + keyId + "\",\"unit\":\"usd\",\"amount\":0.0001}");
    Answer refused =
        call(
            gateway,
            "POST",
            "/keyed/v1/chat/completions",
            chat("gpt-4o", 30, false),
            "Authorization",
            "Bearer sk-key-beta");
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.body()).contains(id, "key '" + keyId + "'").doesNotContain("sk-key-beta");
  }

  @Test
  void aVirtualKeysTeamBudgetRefusesAndTheKeysReservationIsGivenBack() {
    Answer key =
        call(admin(), "POST", "/api/v1/keys", "{\"name\":\"budgeted\",\"team\":\"gamma\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    String keyId = key.json().path("id").asString();
    String secret = key.json().path("key").asString();
    // Virtual keys reach every replica's cache by polling; wait until this one is accepted.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                call(
                            gateway,
                            "POST",
                            "/keyed/v1/chat/completions",
                            chat("gpt-4o", 30, false),
                            "Authorization",
                            "Bearer " + secret)
                        .status()
                    == 200);
    // Budgets are reserved key first, then team: the key's reservation must be given back.
    String byKey =
        createBudget(
            "{\"scope\":\"key\",\"subject\":\""
                + keyId
                + "\",\"unit\":\"tokens\",\"amount\":1000}");
    String team =
        createBudget(
            "{\"scope\":\"team\",\"subject\":\"gamma\",\"unit\":\"tokens\",\"amount\":50}");
    Answer refused =
        call(
            gateway,
            "POST",
            "/keyed/v1/chat/completions",
            chat("gpt-4o", 30, false),
            "Authorization",
            "Bearer " + secret);
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.body()).contains(team, "team 'gamma'").doesNotContain(secret);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode spend = spend(byKey);
              assertThat(spend.path("reserved").asLong()).isZero();
              assertThat(spend.path("spent").asLong()).isZero();
              assertThat(spend.path("remaining").asLong()).isEqualTo(1000);
            });
  }

  @Test
  void everyBudgetPathOfTheOpenApiDescriptionAnswers() {
    var parsed =
        new io.swagger.v3.parser.OpenAPIV3Parser()
            .readContents(
                new String(readResource("/admin/openapi.yaml"), StandardCharsets.UTF_8),
                null,
                null);
    assertThat(parsed.getMessages()).isEmpty();
    String id = createBudget("{\"scope\":\"user\",\"subject\":\"nobody\",\"amount\":1}");
    List<String> paths =
        parsed.getOpenAPI().getPaths().keySet().stream()
            .filter(p -> p.startsWith("/api/v1/budgets"))
            .toList();
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "/api/v1/budgets", "/api/v1/budgets/{id}", "/api/v1/budgets/{id}/spend");
    for (String path : paths) {
      Answer a = call(admin(), "GET", path.replace("{id}", id), null);
      assertThat(a.status()).as(path).isEqualTo(200);
    }
  }

  static byte[] readResource(String name) {
    try (var in = BudgetGatewayIntegrationTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void adminApiCreatesReadsUpdatesAndDeletesBudgets() {
    String id =
        createBudget(
            "{\"scope\":\"key\",\"subject\":\"sha256:0123456789ab\",\"unit\":\"usd\",\"amount\":12.5,"
                + "\"window\":\"weekly\",\"timeZone\":\"America/New_York\",\"mode\":\"soft\"}");
    JsonNode read = call(admin(), "GET", "/api/v1/budgets/" + id, null).json();
    assertThat(read.path("amount").asDouble()).isEqualTo(12.5);
    assertThat(read.path("window").asString()).isEqualTo("weekly");
    assertThat(read.path("timeZone").asString()).isEqualTo("America/New_York");
    assertThat(read.path("mode").asString()).isEqualTo("soft");
    List<String> listed = new ArrayList<>();
    call(admin(), "GET", "/api/v1/budgets", null)
        .json()
        .path("budgets")
        .forEach(b -> listed.add(b.path("id").asString()));
    assertThat(listed).contains(id);

    Answer patched = call(admin(), "PATCH", "/api/v1/budgets/" + id, "{\"amount\":20}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(call(admin(), "GET", "/api/v1/budgets/" + id, null).json().path("amount").asDouble())
        .isEqualTo(20.0);
    JsonNode spend = spend(id);
    assertThat(spend.path("remaining").asDouble()).isEqualTo(20.0);
    assertThat(spend.path("windowStart").asString()).isNotEmpty();

    assertThat(call(admin(), "DELETE", "/api/v1/budgets/" + id, null).status()).isEqualTo(204);
    Answer gone = call(admin(), "GET", "/api/v1/budgets/" + id, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("error").path("type").asString()).isEqualTo("not_found");
  }

  @Test
  void aBudgetCreatedWithOnlyItsSubjectAndAmountGetsTheDocumentedDefaults() {
    String id = createBudget("{\"scope\":\"user\",\"subject\":\"defaults\",\"amount\":5}");
    JsonNode read = call(admin(), "GET", "/api/v1/budgets/" + id, null).json();
    assertThat(read.path("unit").asString()).isEqualTo("usd");
    assertThat(read.path("window").asString()).isEqualTo("monthly");
    assertThat(read.path("timeZone").asString()).isEqualTo("UTC");
    assertThat(read.path("mode").asString()).isEqualTo("hard");
  }

  @Test
  void adminApiRefusesBadInputNamingTheField() {
    Answer window =
        call(
            admin(),
            "POST",
            "/api/v1/budgets",
            "{\"scope\":\"team\",\"subject\":\"a\",\"amount\":1,\"window\":\"hourly\"}");
    assertThat(window.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
    assertThat(window.json().path("error").path("message").asString()).startsWith("window:");
    Answer negative =
        call(
            admin(),
            "POST",
            "/api/v1/budgets",
            "{\"scope\":\"team\",\"subject\":\"a\",\"amount\":-1}");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().path("error").path("message").asString()).startsWith("amount:");
    Answer notJson = call(admin(), "POST", "/api/v1/budgets", "{");
    assertThat(notJson.status()).isEqualTo(400);
    Answer unknown = call(admin(), "PATCH", "/api/v1/budgets/nope", "{\"amount\":1}");
    assertThat(unknown.status()).isEqualTo(404);
  }
}
