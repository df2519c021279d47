package io.agw.gateway.mcp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * agentgateway's {@code mcp-authorization} example, pointed at a loopback MCP target that records
 * the credentials it receives: {@code jwtAuth} validates the caller's token and {@code backendAuth:
 * passthrough} (in {@code mcp.policies}) hands that token to the target on every message. Within
 * one MCP session, each upstream call carries the token of the client request it serves, not the
 * token of the caller that opened the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpBackendAuthIntegrationTest {

  static final RecordingMcpTarget TARGET = RecordingMcpTarget.start();
  static final int PORT = FreePorts.next();
  static final int KEYED_PORT = FreePorts.next();
  static final RSAKey ISSUER_KEY = rsaKey();
  static final String INITIALIZE =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
      "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-mcp-backend-auth");
    Path jwks = dir.resolve("pub-key");
    Files.writeString(jwks, new JWKSet(ISSUER_KEY.toPublicJWK()).toString());
    Path example =
        Path.of("src/test/resources/agentgateway-examples/mcp-authorization/config.yaml");
    String yaml =
        Files.readString(example, StandardCharsets.UTF_8)
            .replace("port: 3000", "port: " + PORT)
            .replace("file: ./manifests/jwt/pub-key", "file: " + jwks)
            .replace(
                "host: http://localhost:3001/mcp",
                "host: http://127.0.0.1:" + TARGET.port() + "/mcp");
    assertThat(yaml).contains("passthrough").contains(Integer.toString(TARGET.port()));
    // A second listener whose mcp backend reference sets a key (its Authorization replaced).
    yaml +=
        """
        binds:
        - port: %d
          listeners:
          - routes:
            - backends:
              - mcp:
                  targets:
                  - name: keyed
                    mcp:
                      host: http://127.0.0.1:%d/mcp
                  - name: keyedsse
                    sse:
                      host: http://127.0.0.1:%d/sse
                policies:
                  backendAuth:
                    key: static-key-0123456789
        """
            .formatted(KEYED_PORT, TARGET.port(), TARGET.port());
    GatewayConfigFile.register(registry, dir.resolve("config.yaml"), yaml);
  }

  @AfterAll
  static void stop() {
    TARGET.close();
  }

  @Test
  void theTargetReceivesTheTokenOfEachCallNotTheSessionOpenersToken() throws Exception {
    String first = token("test-user");
    String refreshed = token("test-user");
    assertThat(refreshed).isNotEqualTo(first);
    int before = TARGET.received().size();

    EntityExchangeResult<String> init =
        post(
            first,
            null,
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
    String session = init.getResponseHeaders().getFirst("Mcp-Session-Id");
    assertThat(session).isNotBlank();
    post(first, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    EntityExchangeResult<String> call =
        post(
            refreshed,
            session,
            """
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{}}}""");
    assertThat(call.getResponseBody()).contains("echoed");

    assertThat(TARGET.authorizations(before, "initialize")).containsExactly("Bearer " + first);
    // The call made under the refreshed token carries it, not the one the session was opened with.
    assertThat(TARGET.authorizations(before, "tools/call")).containsExactly("Bearer " + refreshed);
  }

  @Test
  void aKeyOnTheMcpBackendReferenceGoesToTheTargetInPlaceOfTheClientsAuthorization() {
    int before = TARGET.received().size();
    client(KEYED_PORT)
        .post()
        .uri("/mcp")
        .header("Authorization", "Bearer client-own-token")
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .bodyValue(INITIALIZE)
        .exchange()
        .expectStatus()
        .isOk();
    // Both targets (Streamable HTTP and SSE, whose stream also carries it) got the key.
    assertThat(TARGET.authorizations(before, "initialize"))
        .containsExactly("Bearer static-key-0123456789", "Bearer static-key-0123456789");
    assertThat(TARGET.authorizations(before, "(sse stream)"))
        .containsExactly("Bearer static-key-0123456789");
  }

  @Test
  void aTokenJwtAuthRefusesNeverReachesTheTarget() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-key").build(),
            new JWTClaimsSet.Builder()
                .issuer("agentgateway.dev")
                .audience("test.agentgateway.dev")
                .subject("test-user")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    forged.sign(new RSASSASigner(stranger));
    int before = TARGET.received().size();
    client()
        .post()
        .uri("/mcp")
        .header("Authorization", "Bearer " + forged.serialize())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .bodyValue(INITIALIZE)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    assertThat(TARGET.received()).hasSize(before);
  }

  private static EntityExchangeResult<String> post(String token, String session, String body) {
    return client()
        .post()
        .uri("/mcp")
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .headers(
            h -> {
              if (session != null) {
                h.set("Mcp-Session-Id", session);
              }
            })
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .is2xxSuccessful()
        .expectBody(String.class)
        .returnResult();
  }

  private static WebTestClient client() {
    return client(PORT);
  }

  private static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** A token the example's jwtAuth accepts; each one differs (its own id). */
  private static String token(String subject) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER_KEY.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer("agentgateway.dev")
                .audience("test.agentgateway.dev")
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new RSASSASigner(ISSUER_KEY));
    return jwt.serialize();
  }

  private static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
