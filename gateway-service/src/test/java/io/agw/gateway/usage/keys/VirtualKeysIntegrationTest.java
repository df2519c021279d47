package io.agw.gateway.usage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestJwks;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Virtual keys through the admin API of a real gateway (admin port) and used on its LLM routes
 * (traffic port) in front of an OpenAI simulator: create, use, rotate, revoke, expiry, allowed
 * models, per-key limits, metadata in CEL, and the admin API's authentication (static token, JWT
 * with and without the role, none).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VirtualKeysIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final TestJwks JWKS = newJwks();
  static final int PORT = FreePorts.next();
  static final String ADMIN_TOKEN = "test-admin-token";
  static final String ISSUER = "https://idp.example";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static TestJwks newJwks() {
    try {
      return new TestJwks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
          - port: %1$d
            listeners:
              - name: main
                routes:
                  - name: keyed
                    matches: [{path: {pathPrefix: /keyed}}]
                    policies:
                      apiKey:
                        mode: strict
                        keys:
                          - key: sk-file-key
                            metadata: {team: file}
                    backends:
                      - ai:
                          name: openai
                          provider: {openAI: {}}
                          hostOverride: %2$s
                          policies:
                            backendAuth: {key: sk-gateway-openai-secret}
                  - name: alpha
                    matches: [{path: {pathPrefix: /alpha}}]
                    policies:
                      apiKey:
                        mode: strict
                        keys: [{key: sk-other-file-key}]
                      authorization:
                        rules:
                          - require: 'apiKey.metadata.team == "alpha"'
                    backends:
                      - ai:
                          name: openai
                          provider: {openAI: {}}
                          hostOverride: %2$s
                          policies:
                            backendAuth: {key: sk-gateway-openai-secret}
        """
            .formatted(PORT, OPENAI.hostPort());
    GatewayConfigFile.register(registry, yaml);
    Path db = Files.createTempDirectory("agw-keys").resolve("agw.db");
    String ca =
        Path.of(VirtualKeysIntegrationTest.class.getResource("/tls/ca.pem").toURI()).toString();
    registry.add("agw.database.url", () -> "sqlite:" + db);
    registry.add("agw.admin.token", () -> ADMIN_TOKEN);
    // This class checks what a caller without a credential gets; local reads would let its GETs
    // (from 127.0.0.1) through.
    registry.add("agw.admin.local-reads", () -> "false");
    registry.add("agw.admin.jwt.issuer", () -> ISSUER);
    registry.add("agw.admin.jwt.jwks-uri", JWKS::url);
    registry.add("agw.admin.jwt.audience", () -> "agw-admin-api");
    registry.add("agw.security.jwks-ca-file", () -> ca);
  }

  @AfterAll
  static void stop() {
    OPENAI.close();
    JWKS.close();
  }

  @Value("${local.server.port}")
  int adminPort;

  WebTestClient admin() {
    return client(adminPort);
  }

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** An admin call with the static token; returns status and JSON body. */
  Answer call(HttpMethod method, String path, String body) {
    return call(method, path, body, ADMIN_TOKEN);
  }

  Answer call(HttpMethod method, String path, String body, String bearer) {
    var spec = admin().method(method).uri(path);
    if (bearer != null) {
      spec = spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
    }
    var exchange =
        body == null
            ? spec.exchange()
            : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    var result = exchange.expectBody(String.class).returnResult();
    String text = result.getResponseBody();
    boolean json =
        MediaType.APPLICATION_JSON.isCompatibleWith(result.getResponseHeaders().getContentType());
    return new Answer(
        result.getStatus().value(),
        json && text != null ? JSON.readTree(text) : null,
        result.getResponseHeaders());
  }

  record Answer(int status, JsonNode json, HttpHeaders headers) {}

  /** A chat completion on the traffic port with {@code key}; returns status and body. */
  static Answer chat(String route, String key, String model) {
    var result =
        client(PORT)
            .post()
            .uri("/" + route + "/v1/chat/completions")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"model\":\""
                    + model
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .exchange()
            .expectBody(String.class)
            .returnResult();
    String text = result.getResponseBody();
    return new Answer(
        result.getStatus().value(),
        text == null ? null : JSON.readTree(text),
        result.getResponseHeaders());
  }

  JsonNode create(String body) {
    Answer created = call(HttpMethod.POST, "/api/v1/keys", body);
    assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
    return created.json();
  }

  @Test
  void aKeyIsCreatedUsedRotatedAndRevoked() {
    JsonNode created =
        create("{\"name\":\"ci\",\"team\":\"alpha\",\"user\":\"alice\",\"tags\":[\"ci\"]}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    assertThat(id).startsWith("vk_");
    assertThat(secret).startsWith("agw-").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(secret).startsWith(created.path("prefix").asString());

    // Used like a file key, next to one; its team metadata reaches CEL.
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
    assertThat(chat("keyed", "sk-file-key", "gpt-4o").status()).isEqualTo(200);
    assertThat(chat("alpha", secret, "gpt-4o").status()).isEqualTo(200);

    // The secret is never shown again.
    Answer read = call(HttpMethod.GET, "/api/v1/keys/" + id, null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().has("key")).isFalse();
    assertThat(read.json().path("team").asString()).isEqualTo("alpha");
    Answer listed = call(HttpMethod.GET, "/api/v1/keys?team=alpha", null);
    assertThat(listed.json().path("keys").toString()).contains(id).doesNotContain(secret);
    assertThat(call(HttpMethod.GET, "/api/v1/keys?team=nobody", null).json().path("keys"))
        .isEmpty();

    // Rotation: the new secret works, the old one is refused at once.
    Answer rotated = call(HttpMethod.POST, "/api/v1/keys/" + id + "/rotate", null);
    assertThat(rotated.status()).isEqualTo(200);
    String next = rotated.json().path("key").asString();
    assertThat(next).startsWith("agw-").isNotEqualTo(secret);
    assertThat(rotated.json().path("id").asString()).isEqualTo(id);
    Answer old = chat("keyed", secret, "gpt-4o");
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.json().path("error").path("message").asString()).contains("not valid");
    assertThat(old.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(chat("keyed", next, "gpt-4o").status()).isEqualTo(200);

    // Revocation: refused, and the record stays, marked revoked.
    Answer revoked = call(HttpMethod.DELETE, "/api/v1/keys/" + id, null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("revokedAt").asString()).isNotEmpty();
    assertThat(chat("keyed", next, "gpt-4o").status()).isEqualTo(401);
    assertThat(call(HttpMethod.GET, "/api/v1/keys/" + id, null).json().path("revokedAt").isNull())
        .isFalse();
    assertThat(call(HttpMethod.POST, "/api/v1/keys/" + id + "/rotate", null).status())
        .isEqualTo(409);
    // The file key is untouched by all of it.
    assertThat(chat("keyed", "sk-file-key", "gpt-4o").status()).isEqualTo(200);
  }

  @Test
  void aRotationWithAGracePeriodKeepsTheOldSecretUntilItEnds() {
    JsonNode created = create("{\"name\":\"graceful\"}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    Answer rotated =
        call(HttpMethod.POST, "/api/v1/keys/" + id + "/rotate", "{\"gracePeriod\":\"2s\"}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().path("previousKeyExpiresAt").asString()).isNotEmpty();
    String next = rotated.json().path("key").asString();
    assertThat(chat("keyed", next, "gpt-4o").status()).isEqualTo(200);
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> chat("keyed", secret, "gpt-4o").status() == 401);
    assertThat(chat("keyed", next, "gpt-4o").status()).isEqualTo(200);
  }

  @Test
  void anExpiredKeyIsRefusedLikeAnUnknownOne() {
    JsonNode created = create("{\"name\":\"expired\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    Answer refused = chat("keyed", secret, "gpt-4o");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().path("error").path("message").asString()).contains("not valid");

    String later = Instant.now().plusSeconds(3600).toString();
    Answer renewed =
        call(HttpMethod.PATCH, "/api/v1/keys/" + id, "{\"expiresAt\":\"" + later + "\"}");
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
  }

  @Test
  void allowedModelsAreEnforcedAndCanBeChanged() {
    JsonNode created = create("{\"name\":\"mini\",\"allowedModels\":[\"gpt-4o-mini*\"]}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    int before = OPENAI.received().size();
    Answer denied = chat("keyed", secret, "gpt-4o");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().path("error").path("message").asString()).contains("gpt-4o");
    assertThat(OPENAI.received()).hasSize(before);
    assertThat(chat("keyed", secret, "gpt-4o-mini").status()).isEqualTo(200);

    call(HttpMethod.PATCH, "/api/v1/keys/" + id, "{\"allowedModels\":null}");
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
  }

  @Test
  void aKeysRequestLimitAnswers429NamingTheKey() {
    JsonNode created = create("{\"name\":\"slow\",\"limits\":{\"requestsPerMinute\":2}}");
    String id = created.path("id").asString();
    String secret = created.path("key").asString();
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
    int before = OPENAI.received().size();
    Answer limited = chat("keyed", secret, "gpt-4o");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("error").path("message").asString())
        .contains(id)
        .contains("2 requests per minute");
    assertThat(limited.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(OPENAI.received()).hasSize(before);
    // Another key, and the file key, have their own allowance.
    assertThat(chat("keyed", "sk-file-key", "gpt-4o").status()).isEqualTo(200);
  }

  @Test
  void aKeysTokenLimitIsChargedWithTheUsageAndThenRefuses() {
    JsonNode created = create("{\"name\":\"thrifty\",\"limits\":{\"tokensPerMinute\":1}}");
    String secret = created.path("key").asString();
    assertThat(chat("keyed", secret, "gpt-4o").status()).isEqualTo(200);
    // The usage is charged just after the response is written.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> chat("keyed", secret, "gpt-4o").status() == 429);
    Answer limited = chat("keyed", secret, "gpt-4o");
    assertThat(limited.json().path("error").path("message").asString())
        .contains("1 tokens per minute");
  }

  @Test
  void theAdminApiNeedsTheTokenOrAJwtWithTheAdminRole() throws Exception {
    Answer none = call(HttpMethod.GET, "/api/v1/keys", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(none.json().path("error").path("type").asString()).isEqualTo("unauthorized");
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, "wrong-token").status()).isEqualTo(401);
    assertThat(call(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"x\"}", null).status())
        .isEqualTo(401);

    Instant exp = Instant.now().plusSeconds(300);
    String admin =
        JWKS.token(ISSUER, "agw-admin-api", "ops", exp, Map.of("roles", List.of("agw-admin")));
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, admin).status()).isEqualTo(200);
    String spaced =
        JWKS.token(ISSUER, "agw-admin-api", "ops", exp, Map.of("roles", "reader agw-admin"));
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, spaced).status()).isEqualTo(200);

    String reader =
        JWKS.token(ISSUER, "agw-admin-api", "bob", exp, Map.of("roles", List.of("reader")));
    Answer forbidden = call(HttpMethod.GET, "/api/v1/keys", null, reader);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().path("error").path("message").asString()).contains("agw-admin");

    String otherAudience =
        JWKS.token(ISSUER, "elsewhere", "ops", exp, Map.of("roles", List.of("agw-admin")));
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, otherAudience).status()).isEqualTo(401);
    String otherIssuer =
        JWKS.token(
            "https://evil.example", "agw-admin-api", "ops", exp, Map.of("roles", "agw-admin"));
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, otherIssuer).status()).isEqualTo(401);
    String forged = TestJwks.foreignToken(ISSUER, "agw-admin-api", "ops");
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null, forged).status()).isEqualTo(401);

    // The description is public: it holds no secrets.
    assertThat(call(HttpMethod.GET, "/api/v1/openapi.yaml", null, null).status()).isEqualTo(200);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndUnknownIdsAre404() {
    Answer noName = call(HttpMethod.POST, "/api/v1/keys", "{\"team\":\"a\"}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().path("error").path("message").asString()).contains("'name'");
    Answer badLimit =
        call(
            HttpMethod.POST,
            "/api/v1/keys",
            "{\"name\":\"x\",\"limits\":{\"requestsPerMinute\":-1}}");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().path("error").path("message").asString())
        .contains("limits.requestsPerMinute");
    Answer badModels =
        call(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"x\",\"allowedModels\":\"gpt\"}");
    assertThat(badModels.json().path("error").path("message").asString()).contains("allowedModels");
    Answer typo = call(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"x\",\"expires\":\"1d\"}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("error").path("message").asString()).contains("'expires'");
    Answer badTime =
        call(HttpMethod.POST, "/api/v1/keys", "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}");
    assertThat(badTime.json().path("error").path("message").asString()).contains("expiresAt");
    assertThat(call(HttpMethod.POST, "/api/v1/keys", "not json").status()).isEqualTo(400);

    String id = create("{\"name\":\"x\"}").path("id").asString();
    Answer badGrace =
        call(HttpMethod.POST, "/api/v1/keys/" + id + "/rotate", "{\"gracePeriod\":\"forever\"}");
    assertThat(badGrace.status()).isEqualTo(400);
    assertThat(badGrace.json().path("error").path("message").asString()).contains("gracePeriod");

    Answer missing = call(HttpMethod.GET, "/api/v1/keys/vk_nope", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error").path("type").asString()).isEqualTo("not_found");
    assertThat(call(HttpMethod.DELETE, "/api/v1/keys/vk_nope", null).status()).isEqualTo(404);
  }

  @Test
  void theAdminApiIsNotServedOnTrafficPorts() {
    var result =
        client(PORT)
            .get()
            .uri("/api/v1/keys")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    assertThat(result.getStatus().value()).isEqualTo(404);
    assertThat(result.getResponseBody()).doesNotContain("\"keys\"");
    assertThat(call(HttpMethod.GET, "/api/v1/keys", null).json().has("keys")).isTrue();
  }

  /**
   * The served OpenAPI description parses without errors, and every operation in it reaches a
   * handler with the admin token: a 404 must be a handler's own {@code not_found} (an unknown id),
   * never the router's (so the document and the routes cannot drift apart).
   */
  @Test
  void everyOperationOfTheOpenApiDescriptionIsRouted() {
    var served =
        admin()
            .get()
            .uri("/api/v1/openapi.yaml")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served, null, options);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/v1/keys", "/api/v1/keys/{id}");

    String id = create("{\"name\":\"openapi\"}").path("id").asString();
    List<String> checked = new java.util.ArrayList<>();
    parsed
        .getOpenAPI()
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          String uri = path.replaceAll("\\{[^}]+}", id);
                          HttpMethod http = HttpMethod.valueOf(method.name());
                          boolean body = http == HttpMethod.POST || http == HttpMethod.PATCH;
                          Answer answer = call(http, uri, body ? "{}" : null);
                          assertThat(
                                  answer.status() != 404
                                      || (answer.json() != null
                                          && "not_found"
                                              .equals(
                                                  answer
                                                      .json()
                                                      .path("error")
                                                      .path("type")
                                                      .asString())))
                              .as(method + " " + path + " answered " + answer.status())
                              .isTrue();
                          assertThat(answer.status()).as(method + " " + path).isNotEqualTo(405);
                          checked.add(method + " " + path);
                        }));
    assertThat(checked).hasSizeGreaterThanOrEqualTo(7);
  }
}
