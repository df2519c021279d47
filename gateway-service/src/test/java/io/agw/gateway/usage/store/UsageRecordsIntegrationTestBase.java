package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway whose file sends usage records to a real database ({@code config.logging.database}):
 * many concurrent keyed LLM calls each leave one row with the caller's key, team, user, model and
 * tokens, and the admin API sums them. Subclasses name the database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token", "agw.usage.flush-interval=200ms"})
abstract class UsageRecordsIntegrationTestBase {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final int PORT = FreePorts.next();
  static final int CALLS = 500;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int adminPort;

  static Path register(
      org.springframework.test.context.DynamicPropertyRegistry registry, String db, String mode)
      throws Exception {
    return GatewayConfigFile.register(registry, yaml(db, mode));
  }

  static String yaml(String db, String mode) {
    return GatewayConfigFile.resource(
        "/gateway/usage.yaml",
        Map.of(
            "DB",
            db,
            "LLM_MODE",
            mode,
            "PORT",
            Integer.toString(PORT),
            "OPENAI",
            OPENAI.hostPort()));
  }

  static String chat(String model, String text) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  static WebClient gateway() {
    ConnectionProvider pool =
        ConnectionProvider.builder("usage-test")
            .maxConnections(100)
            .pendingAcquireMaxCount(CALLS * 2)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();
    return WebClient.builder()
        .clientConnector(
            new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                HttpClient.create(pool)))
        .baseUrl("http://127.0.0.1:" + PORT)
        .build();
  }

  JsonNode admin(String pathAndQuery) {
    String body =
        WebClient.builder()
            .baseUrl("http://127.0.0.1:" + adminPort)
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build()
            .get()
            .uri(pathAndQuery)
            .header("Authorization", "Bearer test-admin-token")
            .retrieve()
            .bodyToMono(String.class)
            .block(Duration.ofSeconds(30));
    return JSON.readTree(body);
  }

  static JsonNode row(JsonNode answer, String dimension, String value) {
    for (JsonNode row : answer.path("rows")) {
      if (value.equals(row.path("group").path(dimension).asString(null))) {
        return row;
      }
    }
    throw new AssertionError("no row with " + dimension + "=" + value + " in " + answer);
  }

  @Test
  void everyConcurrentCallLeavesOneRowWithItsCallerModelAndTokens() {
    WebClient client = gateway();
    List<Integer> statuses =
        Flux.range(0, CALLS)
            .flatMap(
                i ->
                    client
                        .post()
                        .uri("/keyed/v1/chat/completions")
                        .header(
                            "Authorization",
                            "Bearer " + (i % 5 == 0 ? "sk-usage-beta" : "sk-usage-alpha"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(chat(i % 2 == 0 ? "gpt-4o" : "gpt-4o-mini", "call " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())),
                CALLS)
            .collectList()
            .block(Duration.ofMinutes(3));
    assertThat(statuses).hasSize(CALLS).containsOnly(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(admin("/api/v1/usage?groupBy=team&route=keyed").path("rows"))
                    .extracting(r -> r.path("requests").asLong())
                    .containsExactlyInAnyOrder(CALLS / 5L, CALLS - CALLS / 5L));

    JsonNode byTeamAndModel =
        admin("/api/v1/usage?groupBy=team,user,model,key,route,provider&route=keyed");
    long rows = 0;
    for (JsonNode row : byTeamAndModel.path("rows")) {
      JsonNode group = row.path("group");
      assertThat(group.path("key").asString()).startsWith("sha256:");
      assertThat(group.path("route").asString()).isEqualTo("keyed");
      assertThat(group.path("provider").asString()).isEqualTo("openai");
      assertThat(group.path("model").asString()).isIn("gpt-4o", "gpt-4o-mini");
      if (group.path("team").asString().equals("alpha")) {
        assertThat(group.path("user").asString()).isEqualTo("alice");
      }
      // The simulator reports its usage on every answer: each row counts tokens of every call.
      long requests = row.path("requests").asLong();
      assertThat(row.path("inputTokens").asLong()).isPositive();
      assertThat(row.path("totalTokens").asLong())
          .isEqualTo(row.path("inputTokens").asLong() + row.path("outputTokens").asLong());
      rows += requests;
    }
    assertThat(rows).isEqualTo(CALLS);
    assertThat(byTeamAndModel.path("rows")).hasSize(4);
    JsonNode beta = row(admin("/api/v1/usage?groupBy=team&team=beta"), "team", "beta");
    assertThat(beta.path("requests").asLong()).isEqualTo(CALLS / 5L);

    JsonNode recent = admin("/api/v1/usage/records?limit=3");
    assertThat(recent.path("records")).hasSize(3);
    JsonNode newest = recent.path("records").get(0);
    assertThat(newest.path("status").asInt()).isEqualTo(200);
    assertThat(newest.path("key").asString()).startsWith("sha256:");
    assertThat(newest.toString()).doesNotContain("sk-usage-alpha", "sk-usage-beta");
    JsonNode older =
        admin("/api/v1/usage/records?limit=3&before=" + recent.path("next").asString());
    assertThat(older.path("records").get(0).path("id").asString())
        .isNotIn(
            recent.path("records").get(0).path("id").asString(),
            recent.path("records").get(2).path("id").asString());
  }

  /**
   * Calls the {@code content} route once (the only call to it in the context) and returns its
   * record once written.
   */
  JsonNode contentCall(String text) {
    OPENAI.answerWith("forty-two is the answer");
    int status =
        gateway()
            .post()
            .uri("/content/v1/chat/completions")
            .header("Authorization", "Bearer sk-usage-content")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(chat("gpt-4o", text))
            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
            .block(Duration.ofSeconds(30));
    assertThat(status).isEqualTo(200);
    JsonNode[] newest = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode records = admin("/api/v1/usage/records?limit=1000").path("records");
              newest[0] = null;
              for (JsonNode r : records) {
                if ("content".equals(r.path("route").asString(null))) {
                  newest[0] = r;
                  break;
                }
              }
              assertThat(newest[0]).isNotNull();
            });
    return newest[0];
  }
}
