package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guardrail decisions of real LLM calls reach the usage store and {@code GET
 * /api/v1/guardrails/decisions}: a regex prompt guard that masks an e-mail address and one that
 * rejects a word, each decision counted by bucket, guard, action and phase, and filtered by action.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token", "agw.usage.flush-interval=200ms"})
class GuardDecisionsIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    String db = Files.createTempDirectory("agw-guard-decisions").resolve("usage.db").toString();
    registry.add("agw.database.url", () -> "sqlite:" + db);
    GatewayConfigFile.register(
        registry,
        """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: guarded
                    matches: [{path: {pathPrefix: /guarded}}]
                    policies:
                      ai:
                        promptGuard:
                          request:
                            - regex:
                                action: mask
                                rules: [{builtin: email}]
                            - regex:
                                action: reject
                                rules: [{pattern: "(?i)forbidden"}]
                    backends:
                      - ai:
                          name: openai
                          provider: {openAI: {}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: sk-gateway-openai-secret}
        """
            .formatted(PORT, OPENAI.hostPort()));
  }

  @AfterAll
  static void stop() {
    OPENAI.close();
  }

  @LocalServerPort int adminPort;

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  static int chat(String text) {
    return WebClient.create("http://127.0.0.1:" + PORT)
        .post()
        .uri("/guarded/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        // As the UI's LLM playground sends it, to find the call's usage record afterwards.
        .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
        .bodyValue(
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text
                + "\"}]}")
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .block(Duration.ofSeconds(30));
  }

  JsonNode admin(String pathAndQuery) {
    String body =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .get()
            .uri(pathAndQuery)
            .header("Authorization", "Bearer test-admin-token")
            .exchangeToMono(r -> r.bodyToMono(String.class))
            .block(Duration.ofSeconds(30));
    return JSON.readTree(body);
  }

  /** {@code guard/action/phase -> count} of an answer's rows, summed over time buckets. */
  static Map<String, Long> counts(JsonNode answer) {
    Map<String, Long> counts = new LinkedHashMap<>();
    answer
        .path("rows")
        .forEach(
            row ->
                counts.merge(
                    row.path("guard").asString()
                        + "/"
                        + row.path("action").asString()
                        + "/"
                        + row.path("phase").asString(),
                    row.path("count").asLong(),
                    Long::sum));
    return counts;
  }

  @Test
  void maskAndRejectDecisionsAreCountedByGuardActionAndPhase() {
    assertThat(chat("write to jane@corp.example please")).isEqualTo(200);
    assertThat(chat("tell me the forbidden plan")).isNotEqualTo(200);

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String range = "&from=" + today + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
    Map<String, Long> expected =
        Map.of("regex/allow/request", 2L, "regex/mask/request", 1L, "regex/reject/request", 1L);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(counts(admin("/api/v1/guardrails/decisions?bucket=day" + range)))
                    .isEqualTo(expected));

    // The usage record of the masked call carries the client's trace id and the outcome.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(admin("/api/v1/usage/records?limit=20").path("records"))
                    .anySatisfy(
                        record -> {
                          assertThat(record.path("traceId").asString()).isEqualTo(TRACE_ID);
                          assertThat(record.path("guardrail").asString()).isEqualTo("masked");
                        }));

    JsonNode byDay = admin("/api/v1/guardrails/decisions?bucket=day" + range);
    assertThat(byDay.path("rows").get(0).path("time").asString()).isEqualTo(today);
    JsonNode minutes = admin("/api/v1/guardrails/decisions?bucket=minute");
    assertThat(minutes.path("rows").get(0).path("time").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");
    assertThat(counts(minutes)).isEqualTo(expected);

    assertThat(counts(admin("/api/v1/guardrails/decisions?action=reject")))
        .isEqualTo(Map.of("regex/reject/request", 1L));
    assertThat(counts(admin("/api/v1/guardrails/decisions?guard=webhook"))).isEmpty();
    assertThat(
            admin("/api/v1/guardrails/decisions?bucket=week")
                .path("error")
                .path("message")
                .asString())
        .contains("'bucket'");
  }
}
