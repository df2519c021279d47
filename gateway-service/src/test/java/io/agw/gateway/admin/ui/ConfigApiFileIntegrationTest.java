package io.agw.gateway.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration API in {@code file} storage against a real gateway and a real file: the live
 * document with every secret redacted, a redacted document applied back (the secrets survive in the
 * file, the change runs), a refused document (errors at their paths, the file byte-identical, the
 * old version still serving), validation, and the overview (listeners, routes, an LLM endpoint
 * ejected after failing against a closed port, the last refused reload with its path).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "agw.admin.token=" + ConfigApiFileIntegrationTest.ADMIN_TOKEN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigApiFileIntegrationTest {

  static final String ADMIN_TOKEN = "ui-config-admin-token";
  static final int PORT = FreePorts.next();
  static final int CLOSED = FreePorts.closed();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> SECRETS =
      List.of(
          "sk-upstream-provider-secret",
          "sk-client-key-one",
          "Bearer upstream-header-secret",
          "pg-password-secret",
          "$apr1$r4nd0m12$pBrYs1vxIgfROJDh.W9ge1",
          // as written in the file, where $$ is a literal $
          "$$apr1$$r4nd0m12$$pBrYs1vxIgfROJDh.W9ge1",
          "stdio-env-secret");
  static Path file;

  static String config(String answer) {
    return """
        config:
          database:
            url: postgres://agw:pg-password-secret@127.0.0.1:%3$d/agw
          logging:
            database:
              url: %4$s
        binds:
          - port: %1$d
            listeners:
              - name: main
                routes:
                  - name: answer
                    matches: [{path: {pathPrefix: /answer}}]
                    policies:
                      requestHeaderModifier:
                        set: {Authorization: "Bearer upstream-header-secret"}
                      basicAuth:
                        mode: optional
                        htpasswd: |
                          bob:$$apr1$$r4nd0m12$$pBrYs1vxIgfROJDh.W9ge1
                      directResponse: {status: 200, body: %5$s}
                  - name: chat
                    matches: [{path: {pathPrefix: /v1}}]
                    policies:
                      apiKey:
                        mode: optional
                        keys: [{key: sk-client-key-one, metadata: {team: blue}}]
                    backends:
                      - ai:
                          name: upstream
                          provider: {openAI: {}}
                          hostOverride: 127.0.0.1:%2$d
                          policies:
                            backendAuth: {key: sk-upstream-provider-secret}
                            health: {eviction: {duration: 10m}}
                  - name: tools
                    matches: [{path: {pathPrefix: /mcp}}]
                    backends:
                      - mcp:
                          targets:
                            - name: local
                              stdio:
                                cmd: node
                                args: [server.js]
                                env: {API_TOKEN: stdio-env-secret}
        """
        .formatted(PORT, CLOSED, CLOSED, file.resolveSibling("usage.db"), answer);
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    file = Files.createTempDirectory("agw-ui-config").resolve("config.yaml");
    Files.writeString(file, config("v1"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @LocalServerPort int adminPort;

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Answer call(HttpMethod method, String path, String body) {
    WebClient.RequestBodySpec spec =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .method(method)
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
    WebClient.RequestHeadersSpec<?> ready =
        body == null
            ? spec
            : spec.contentType(MediaType.parseMediaType("application/yaml")).bodyValue(body);
    return ready
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(b -> new Answer(r.statusCode().value(), b)))
        .block(Duration.ofSeconds(60));
  }

  String traffic(String path) {
    return WebClient.create("http://127.0.0.1:" + PORT)
        .get()
        .uri(path)
        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty(""))
        .block(Duration.ofSeconds(30));
  }

  @Test
  @Order(1)
  void theLiveDocumentHasNoSecret() {
    Answer answer = call(HttpMethod.GET, "/api/v1/config", null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.path("source").asString()).isEqualTo("file");
    assertThat(body.path("path").asString()).isEqualTo(file.toString());
    assertThat(body.path("storage").asString()).isEqualTo("file");
    assertThat(body.path("writable").asBoolean()).isTrue();
    assertThat(body.path("overlay").isNull()).isTrue();
    String yaml = body.path("yaml").asString();
    assertThat(yaml).contains("<redacted>", "directResponse", "team: blue");
    assertThat(yaml).contains("postgres://agw:<redacted>@127.0.0.1");
    for (String secret : SECRETS) {
      assertThat(answer.body()).doesNotContain(secret);
    }
  }

  @Test
  @Order(2)
  void aRedactedDocumentAppliedBackKeepsItsSecretsAndRuns() throws Exception {
    assertThat(traffic("/answer")).isEqualTo("v1");
    String redacted = call(HttpMethod.GET, "/api/v1/config", null).json().path("yaml").asString();

    Answer applied =
        call(HttpMethod.PUT, "/api/v1/config", redacted.replace("body: v1", "body: v2"));

    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().path("applied").asBoolean()).isTrue();
    long version = applied.json().path("version").asLong();
    assertThat(version).isGreaterThan(1);
    // Answered once the version runs: no wait needed.
    assertThat(traffic("/answer")).isEqualTo("v2");
    String written = Files.readString(file);
    for (String secret : SECRETS) {
      // as written in the file, where a $ is $$
      String value = secret.replace("Bearer ", "");
      assertThat(written).containsAnyOf(value, value.replace("$", "$$"));
    }
    assertThat(written).doesNotContain("<redacted>");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(
            call(HttpMethod.GET, "/api/v1/overview", null)
                .json()
                .path("reload")
                .path("version")
                .asLong())
        .isEqualTo(version);
  }

  @Test
  @Order(3)
  void aRefusedDocumentChangesNothingAndNamesEveryPath() throws Exception {
    byte[] before = Files.readAllBytes(file);
    String broken =
        config("v3")
            .replace("mode: optional", "mode: sometimes")
            .replaceAll(
                "( *)directResponse:", "$1timeout: {requestTimeout: soon}\n$1directResponse:");

    Answer refused = call(HttpMethod.PUT, "/api/v1/config", broken);
    Answer validated = call(HttpMethod.POST, "/api/v1/config/validate", broken);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("error").path("type").asString()).isEqualTo("invalid_config");
    List<String> paths =
        refused.json().path("errors").valueStream().map(e -> e.path("path").asString()).toList();
    assertThat(paths)
        .contains(
            "binds[0].listeners[0].routes[0].policies.timeout.requestTimeout",
            "binds[0].listeners[0].routes[1].policies.apiKey.mode");
    assertThat(validated.status()).isEqualTo(200);
    assertThat(validated.json().path("valid").asBoolean()).isFalse();
    assertThat(validated.json().path("errors").size())
        .isEqualTo(refused.json().path("errors").size());
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(traffic("/answer")).isEqualTo("v2");
    assertThat(refused.body()).doesNotContain("sk-upstream-provider-secret");
  }

  @Test
  @Order(4)
  void validationAcceptsAGoodDocumentAndRefusesAnUnknownRedactedValue() {
    String redacted = call(HttpMethod.GET, "/api/v1/config", null).json().path("yaml").asString();

    Answer good = call(HttpMethod.POST, "/api/v1/config/validate", redacted);
    Answer orphan =
        call(
            HttpMethod.POST,
            "/api/v1/config/validate",
            redacted.replace("name: answer", "name: renamed"));

    assertThat(good.json().path("valid").asBoolean()).as(good.body()).isTrue();
    assertThat(good.json().path("errors").size()).isZero();
    assertThat(orphan.json().path("valid").asBoolean()).isFalse();
    assertThat(orphan.json().path("errors").get(0).path("path").asString())
        .startsWith("binds[0].listeners[0].routes[0].policies.");
  }

  @Test
  @Order(5)
  void theOverviewShowsListenersRoutesAndAnEjectedLlmEndpoint() {
    String chat =
        WebClient.create("http://127.0.0.1:" + PORT)
            .post()
            .uri("/v1/chat/completions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .exchangeToMono(r -> Mono.just(r.statusCode().value()))
            .block(Duration.ofSeconds(30))
            .toString();
    assertThat(chat).startsWith("5");

    JsonNode overview = call(HttpMethod.GET, "/api/v1/overview", null).json();

    assertThat(overview.path("gateway").path("configSource").asString()).isEqualTo("file");
    assertThat(overview.path("gateway").path("adminPort").asInt()).isEqualTo(adminPort);
    JsonNode listener = overview.path("listeners").get(0);
    assertThat(listener.path("name").asString()).isEqualTo("main");
    assertThat(listener.path("port").asInt()).isEqualTo(PORT);
    assertThat(listener.path("tls").asBoolean()).isFalse();
    List<String> kinds =
        overview
            .path("routes")
            .valueStream()
            .map(r -> r.path("name").asString() + "=" + r.path("kind").asString())
            .toList();
    assertThat(kinds).containsExactly("answer=http", "chat=llm", "tools=mcp");
    JsonNode chatRoute = overview.path("routes").get(1);
    assertThat(chatRoute.path("pathPrefix").asString()).isEqualTo("/v1");
    assertThat(chatRoute.path("policies").toString()).contains("apiKey");
    JsonNode upstream =
        overview
            .path("backends")
            .valueStream()
            .filter(b -> b.path("kind").asString().equals("ai"))
            .findFirst()
            .orElseThrow();
    assertThat(upstream.path("state").asString()).isEqualTo("ejected");
    assertThat(upstream.path("ejectedUntil").asString()).isNotEmpty();
    assertThat(upstream.path("endpoints").get(0).path("target").asString()).contains(":" + CLOSED);
    assertThat(overview.toString()).doesNotContain("sk-upstream-provider-secret");
  }

  @Test
  @Order(6)
  void theOverviewShowsTheLastRefusedReloadWithItsPath() throws Exception {
    String good = Files.readString(file);
    Path tmp = file.resolveSibling("config.yaml.tmp");
    Files.writeString(tmp, good.replace("status: 200", "status: twohundred"));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode refused =
                  call(HttpMethod.GET, "/api/v1/overview", null).json().path("lastRefused");
              assertThat(refused.path("source").asString()).isEqualTo(file.toString());
              assertThat(refused.path("errors").valueStream().map(e -> e.path("path").asString()))
                  .contains("binds[0].listeners[0].routes[0].policies.directResponse.status");
            });
    assertThat(traffic("/answer")).isEqualTo("v2");
  }
}
