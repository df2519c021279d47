package io.agw.gateway.usage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateways sharing one usage store (the same SQLite file): a key created through the first is
 * accepted by the second once it has polled, and a key revoked or rotated through the first is
 * refused by the second within the documented bound (one second; the test allows one more second
 * for a loaded machine, docs/usage.md).
 */
class VirtualKeyReplicasIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final List<ConfigurableApplicationContext> GATEWAYS = new ArrayList<>();
  static final int[] PORTS = {FreePorts.next(), FreePorts.next()};
  static final int[] ADMIN_PORTS = new int[2];
  static final String ADMIN_TOKEN = "test-admin-token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The documented bound, plus the margin docs/usage.md states for a loaded machine. */
  static final Duration REFUSED_WITHIN = Duration.ofSeconds(1).plusSeconds(1);

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("agw-keys-replicas");
    String db = "sqlite:" + dir.resolve("agw.db");
    for (int i = 0; i < 2; i++) {
      String yaml =
          """
          binds:
            - port: %d
              listeners:
                - routes:
                    - name: keyed
                      matches: [{path: {pathPrefix: /}}]
                      policies:
                        apiKey: {mode: strict, keys: []}
                      backends: [{host: "%s"}]
          """
              .formatted(PORTS[i], UP.hostPort());
      Path file = dir.resolve("config-" + i + ".yaml");
      Files.writeString(file, yaml);
      // Command-line arguments win over the system properties surefire sets (agw.database.url).
      ConfigurableApplicationContext gateway =
          new SpringApplicationBuilder(GatewayApplication.class)
              .run(
                  "--agw.config.file=" + file,
                  "--agw.bind-address=127.0.0.1",
                  "--server.port=0",
                  "--agw.database.url=" + db,
                  "--agw.admin.token=" + ADMIN_TOKEN);
      GATEWAYS.add(gateway);
      ADMIN_PORTS[i] = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }
  }

  @AfterAll
  static void stop() {
    GATEWAYS.forEach(ConfigurableApplicationContext::close);
    UP.close();
  }

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  static int status(int gateway, String key) {
    return client(PORTS[gateway])
        .get()
        .uri("/hello")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  static JsonNode admin(int gateway, String method, String path, String body) {
    var spec =
        client(ADMIN_PORTS[gateway])
            .method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
    var exchange =
        body == null
            ? spec.exchange()
            : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    return JSON.readTree(
        exchange
            .expectStatus()
            .is2xxSuccessful()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  @Test
  void aKeyRevokedThroughOneGatewayIsRefusedByTheOtherWithinOneSecond() {
    JsonNode created = admin(0, "POST", "/api/v1/keys", "{\"name\":\"shared\"}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    assertThat(status(0, secret)).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(1, secret) == 200);

    admin(0, "DELETE", "/api/v1/keys/" + id, null);
    assertThat(status(0, secret)).isEqualTo(401);
    await()
        .pollInterval(Duration.ofMillis(50))
        .atMost(REFUSED_WITHIN)
        .until(() -> status(1, secret) == 401);
  }

  @Test
  void aKeyRotatedThroughOneGatewayChangesSecretOnTheOtherWithinOneSecond() {
    JsonNode created = admin(0, "POST", "/api/v1/keys", "{\"name\":\"rotating\"}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(1, secret) == 200);

    String next = admin(0, "POST", "/api/v1/keys/" + id + "/rotate", null).path("key").asString();
    await()
        .pollInterval(Duration.ofMillis(50))
        .atMost(REFUSED_WITHIN)
        .until(() -> status(1, secret) == 401);
    assertThat(status(1, next)).isEqualTo(200);
  }
}
