package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.PostgresServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway whose PostgreSQL usage store is down when it starts: it serves LLM traffic anyway (with
 * budgets failing open), health shows the store down and the admin API answers 503, the lost record
 * is counted; once the server is up the store connects by itself and records are written again.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "agw.admin.token=test-admin-token",
      "agw.usage.flush-interval=200ms",
      // Components of the health endpoint answer on their own path only when shown.
      "management.endpoint.health.show-components=always",
      // Budgets fail closed while the store cannot tell which apply; this gateway has none.
      "agw.budgets.failure-mode=failOpen"
    })
class PostgresDownAtStartupIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static PostgresServer postgres;

  @LocalServerPort int adminPort;

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    postgres = new PostgresServer(); // created, not started
    GatewayConfigFile.register(
        registry,
        GatewayConfigFile.resource(
            "/gateway/usage.yaml",
            Map.of(
                "DB", postgres.url(),
                "LLM_MODE", "metadata",
                "PORT", Integer.toString(PORT),
                "OPENAI", OPENAI.hostPort())));
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private WebTestClient admin() {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + adminPort)
        .responseTimeout(Duration.ofSeconds(30))
        .defaultHeader("Authorization", "Bearer test-admin-token")
        .build();
  }

  private void call() {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .post()
        .uri("/keyed/v1/chat/completions")
        .header("Authorization", "Bearer sk-usage-alpha")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange()
        .expectStatus()
        .isOk();
  }

  private JsonNode get(String path, int status) {
    byte[] body =
        admin()
            .get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectBody()
            .returnResult()
            .getResponseBody();
    return JSON.readTree(body);
  }

  @Test
  void theGatewayServesWhileTheStoreIsDownAndTheStoreConnectsOnceItIsUp() throws Exception {
    call();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get("/actuator/health/usageStore", 503).path("status").asString())
                    .isEqualTo("DOWN"));
    JsonNode unavailable = get("/api/v1/usage", 503);
    assertThat(unavailable.path("error").path("type").asString()).isEqualTo("unavailable");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        get("/actuator/metrics/agw.usage.records.dropped?tag=reason:database", 200)
                            .path("measurements")
                            .get(0)
                            .path("value")
                            .asDouble())
                    .isEqualTo(1.0));

    postgres.start();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(get("/actuator/health/usageStore", 200).path("status").asString())
                    .isEqualTo("UP"));
    call();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get("/api/v1/usage?groupBy=team", 200).path("rows"))
                    .singleElement()
                    .satisfies(row -> assertThat(row.path("requests").asLong()).isEqualTo(1)));
  }
}
