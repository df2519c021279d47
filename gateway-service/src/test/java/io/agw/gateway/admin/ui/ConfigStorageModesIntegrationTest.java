package io.agw.gateway.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code config.storage.mode} against real gateways: {@code hybrid} on SQLite (the overlay runs
 * merged over the file, which stays byte-identical, and removing it restores the file's routes),
 * {@code hybrid} shared by two gateways on one real PostgreSQL (an overlay applied through one runs
 * on the other), and {@code readOnly} (writes answer 409 and change nothing).
 */
class ConfigStorageModesIntegrationTest {

  static final String ADMIN_TOKEN = "storage-admin-token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

  @AfterEach
  void stopGateways() {
    gateways.forEach(ConfigurableApplicationContext::close);
  }

  static String file(int port, String storage, String database) {
    return """
        config:
          database: {url: "%3$s"}
          storage: {mode: %2$s}
        binds:
          - port: %1$d
            listeners:
              - name: main
                routes:
                  - name: base
                    matches: [{path: {pathPrefix: /base}}]
                    policies:
                      directResponse: {status: 200, body: from-file}
        """
        .formatted(port, storage, database);
  }

  static String overlay(int port, String body) {
    return """
        binds:
          - port: %1$d
            listeners:
              - name: main
                routes:
                  - name: added
                    matches: [{path: {pathPrefix: /added}}]
                    policies:
                      directResponse: {status: 200, body: %2$s}
        """
        .formatted(port, body);
  }

  /** A gateway fed by {@code yaml} in a new file; returns its admin port. */
  int start(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    ConfigurableApplicationContext context =
        // Arguments, not default properties: application.yaml would win over those.
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0",
                "--agw.config.file=" + file,
                "--agw.bind-address=127.0.0.1",
                "--agw.admin.token=" + ADMIN_TOKEN,
                "--agw.config.overlay-poll-interval=200ms",
                "--agw.database.url=sqlite:" + file.resolveSibling("unused.db"));
    gateways.add(context);
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  record Answer(int status, JsonNode json) {}

  static Answer call(int adminPort, HttpMethod method, String path, String body) {
    WebClient.RequestBodySpec spec =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .method(method)
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
    var ready = body == null ? spec : spec.contentType(MediaType.TEXT_PLAIN).bodyValue(body);
    return ready
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("null")
                    .map(b -> new Answer(r.statusCode().value(), JSON.readTree(b))))
        .block(Duration.ofSeconds(60));
  }

  static int status(int port, String path) {
    return WebClient.create("http://127.0.0.1:" + port)
        .get()
        .uri(path)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .block(Duration.ofSeconds(30));
  }

  static List<String> backends(int adminPort) {
    return call(adminPort, HttpMethod.GET, "/api/v1/overview", null)
        .json()
        .path("backends")
        .valueStream()
        .map(b -> b.path("name").asString())
        .toList();
  }

  @Test
  void hybridOnSqliteRunsTheOverlayOverTheFileAndRemovesIt() throws Exception {
    int port = FreePorts.next();
    Path dir = Files.createTempDirectory("agw-hybrid");
    Path file = dir.resolve("config.yaml");
    int admin = start(file, file(port, "hybrid", dir.resolve("agw.db").toString()));
    byte[] before = Files.readAllBytes(file);

    Answer applied = call(admin, HttpMethod.PUT, "/api/v1/config", overlay(port, "from-overlay"));

    assertThat(applied.status()).as(applied.json().toString()).isEqualTo(200);
    assertThat(status(port, "/added")).isEqualTo(200);
    // The overlay's bind of the same port replaces the file's entry whole.
    assertThat(status(port, "/base")).isEqualTo(404);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    JsonNode document = call(admin, HttpMethod.GET, "/api/v1/config", null).json();
    assertThat(document.path("storage").asString()).isEqualTo("hybrid");
    assertThat(document.path("overlay").asString()).contains("from-overlay");
    // Mappings merge key by key: the file's config block stays.
    assertThat(document.path("yaml").asString()).contains("mode: hybrid", "from-overlay");

    Answer refused =
        call(admin, HttpMethod.PUT, "/api/v1/config", overlay(port, "x").replace("200", "999"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(
            call(admin, HttpMethod.GET, "/api/v1/config", null).json().path("overlay").asString())
        .contains("from-overlay");

    Answer removed = call(admin, HttpMethod.DELETE, "/api/v1/config/overlay", null);

    assertThat(removed.status()).isEqualTo(200);
    assertThat(status(port, "/added")).isEqualTo(404);
    assertThat(status(port, "/base")).isEqualTo(200);
    assertThat(call(admin, HttpMethod.GET, "/api/v1/config", null).json().path("overlay").isNull())
        .isTrue();
  }

  @Test
  void anOverlayAppliedOnOneGatewayRunsOnAnotherOnTheSamePostgres() throws Exception {
    try (PostgresServer postgres = new PostgresServer()) {
      postgres.start();
      int first = FreePorts.next();
      int second = FreePorts.next();
      Path dir = Files.createTempDirectory("agw-hybrid-pg");
      int firstAdmin = start(dir.resolve("first.yaml"), file(first, "hybrid", postgres.url()));
      int secondAdmin = start(dir.resolve("second.yaml"), file(second, "hybrid", postgres.url()));

      // Replicas on one host cannot share a traffic port: the overlay adds what both can run, a
      // named backend, and each gateway shows it in its overview once it runs the overlay.
      String shared = "backends:\n  - name: shared-upstream\n    host: 127.0.0.1:9\n";
      assertThat(backends(secondAdmin)).doesNotContain("shared-upstream");

      Answer applied = call(firstAdmin, HttpMethod.PUT, "/api/v1/config", shared);

      assertThat(applied.status()).as(applied.json().toString()).isEqualTo(200);
      assertThat(backends(firstAdmin)).contains("shared-upstream");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(backends(secondAdmin)).contains("shared-upstream"));
      assertThat(status(second, "/base")).isEqualTo(200);
    }
  }

  @Test
  void readOnlyRefusesWritesWith409AndChangesNothing() throws Exception {
    int port = FreePorts.next();
    Path dir = Files.createTempDirectory("agw-readonly");
    Path file = dir.resolve("config.yaml");
    String yaml = file(port, "readOnly", dir.resolve("agw.db").toString());
    int admin = start(file, yaml);

    Answer put = call(admin, HttpMethod.PUT, "/api/v1/config", yaml.replace("from-file", "new"));
    Answer delete = call(admin, HttpMethod.DELETE, "/api/v1/config/overlay", null);
    JsonNode document = call(admin, HttpMethod.GET, "/api/v1/config", null).json();

    assertThat(put.status()).isEqualTo(409);
    assertThat(put.json().path("error").path("message").asString()).contains("readOnly");
    assertThat(delete.status()).isEqualTo(409);
    assertThat(document.path("storage").asString()).isEqualTo("readOnly");
    assertThat(document.path("writable").asBoolean()).isFalse();
    assertThat(Files.readString(file)).isEqualTo(yaml);
    assertThat(
            call(admin, HttpMethod.POST, "/api/v1/config/validate", yaml)
                .json()
                .path("valid")
                .asBoolean())
        .isTrue();
  }
}
