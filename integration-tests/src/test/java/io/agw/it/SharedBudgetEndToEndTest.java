package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged gateways sharing one PostgreSQL hold one budget: concurrent calls through both never
 * spend more than the amount (each call's reservation covers its real cost here, so the stated
 * bound is no overshoot), and a restarted gateway keeps the spend.
 */
class SharedBudgetEndToEndTest {

  static final String TOKEN = "test-admin-token";
  static final int AMOUNT = 600;

  /** About 60 tokens by the gateway's estimate; the simulator reports 17 in and 23 out. */
  static final String PROMPT =
      "Please read this sentence carefully and then answer with one short word only, because the"
          + " budget of this route is small and every token of the answer and of this prompt is"
          + " counted against it, both before and after the call, by the gateway in front of the"
          + " provider.";

  static PostgresServer postgres;
  static ProviderSimulator openai;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final int[] PORTS = {FreePorts.next(), FreePorts.next()};
  static final int[] ADMIN = {FreePorts.next(), FreePorts.next()};
  static final JavaProcess[] GATEWAYS = new JavaProcess[2];
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    postgres = new PostgresServer().start();
    openai = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
    dir = Files.createTempDirectory("agw-shared-budget");
    GATEWAYS[0] = gateway(0);
    GATEWAYS[1] = gateway(1);
    for (int i = 0; i < 2; i++) {
      // Generous: two JVMs start at once on a machine shared by several builds.
      GATEWAYS[i].awaitOk(
          "http://127.0.0.1:" + ADMIN[i] + "/actuator/health/readiness", Duration.ofSeconds(300));
    }
  }

  static JavaProcess gateway(int i) throws Exception {
    Path config = dir.resolve("gateway-" + i + ".yaml");
    Files.writeString(
        config,
        """
        binds:
          - port: %d
            listeners:
              - name: main
                routes:
                  - name: openai
                    matches:
                      - path:
                          pathPrefix: /openai
                    backends:
                      - ai:
                          name: openai
                          provider:
                            openAI: {}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              key: sk-gateway-openai-secret
        """
            .formatted(PORTS[i], openai.hostPort()));
    return JavaProcess.start(
        Repository.gatewayJar(),
        "--config",
        config.toString(),
        "--server.port=" + ADMIN[i],
        "--agw.bind-address=127.0.0.1",
        "--agw.database.url=" + postgres.url(),
        "--agw.admin.token=" + TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    for (JavaProcess g : GATEWAYS) {
      if (g != null) {
        g.close();
      }
    }
    if (openai != null) {
      openai.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static CompletableFuture<HttpResponse<String>> chat(int gateway, int maxTokens) {
    String body =
        "{\"model\":\"gpt-4o\",\"max_tokens\":"
            + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + PROMPT
            + "\"}]}";
    return HTTP.sendAsync(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORTS[gateway] + "/openai/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> admin(int gateway, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN[gateway] + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
    assertThat(m.find()).as(field + " in " + json).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void twoGatewaysHoldOneBudgetAndARestartKeepsItsSpend() throws Exception {
    HttpResponse<String> created =
        admin(
            0,
            "POST",
            "/api/v1/budgets",
            "{\"scope\":\"route\",\"subject\":\"openai\",\"unit\":\"tokens\",\"amount\":"
                + AMOUNT
                + ",\"window\":\"lifetime\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
    assertThat(id.find()).isTrue();
    String budget = id.group(1);
    // Both gateways know the budget once a call far beyond it is refused (it reserves nothing).
    for (int g = 0; g < 2; g++) {
      int gateway = g;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> chat(gateway, 100_000).join().statusCode() == 429);
    }

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      calls.add(chat(i % 2, 30));
    }
    int ok = 0;
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.join();
      if (r.statusCode() == 200) {
        ok++;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.body()).contains(budget, "budget_exceeded");
        refused++;
      }
    }
    assertThat(ok).isPositive();
    assertThat(refused).isPositive();
    long expected = 40L * ok;
    // Both replicas flush their settled spend and return their leases when idle.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String spend = admin(0, "GET", "/api/v1/budgets/" + budget + "/spend", null).body();
              assertThat(number(spend, "spent")).isEqualTo(expected);
              assertThat(number(spend, "reserved")).isZero();
            });
    assertThat(expected).isLessThanOrEqualTo(AMOUNT);

    GATEWAYS[0].close();
    GATEWAYS[0] = gateway(0);
    GATEWAYS[0].awaitOk(
        "http://127.0.0.1:" + ADMIN[0] + "/actuator/health/readiness", Duration.ofSeconds(300));
    String spend = admin(0, "GET", "/api/v1/budgets/" + budget + "/spend", null).body();
    assertThat(number(spend, "spent")).isEqualTo(expected);
    long remaining = AMOUNT - expected;
    HttpResponse<String> beyond = chat(0, (int) remaining + 1).join();
    assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(429);
  }
}
