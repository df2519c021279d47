package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import io.agw.gateway.support.TestUpstream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code backendAuth} end to end: a real gateway in front of a loopback upstream that records every
 * request. The upstream receives exactly the configured credential, where it was configured (a
 * header with its prefix, a query parameter, a cookie), in place of the client's; the route's
 * {@code backendAuth} beats the backend's own and loses to the backend reference's; {@code
 * passthrough} forwards the token {@code jwtAuth} validated; {@code jwtSign} sends a fresh token
 * per request that verifies with the public key and carries the configured claims and lifetime; and
 * a route's key reaches an {@code ai} backend's provider.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendAuthIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final int PORT = FreePorts.next();
  static final String CLIENT_TOKEN = "client-secret-token-0123456789";
  static final KeyPair SIGNING = ecKeyPair();
  static final RSAKey ISSUER_KEY = rsaKey();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-backend-auth");
    Path signingKey = dir.resolve("signing-key.pem");
    Files.writeString(signingKey, pem(SIGNING.getPrivate().getEncoded()));
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(ISSUER_KEY.toPublicJWK()).toString());
    Path cookie = dir.resolve("cookie");
    Files.writeString(cookie, "cookie-key-0123456789\n");
    String yaml =
        GatewayConfigFile.resource(
            "/backendauth/backend-auth.yaml",
            Map.of(
                "PORT", Integer.toString(PORT),
                "UP", UP.hostPort(),
                "SIGNING_KEY_FILE", signingKey.toString(),
                "JWKS_FILE", jwks.toString(),
                "COOKIE_FILE", cookie.toString()));
    GatewayConfigFile.register(registry, dir.resolve("config.yaml"), yaml);
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  private static WebTestClient client() {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** Sends a GET with the client's own credentials and returns what the upstream received. */
  private static Received get(String path, String authorization) {
    client()
        .get()
        .uri(path)
        .header("authorization", authorization)
        .header("x-api-key", "client-x-api-key")
        .header("cookie", "theme=dark; session=client-session")
        .exchange()
        .expectStatus()
        .isOk();
    List<Received> received = UP.received();
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  @Test
  void aKeyWithALocationGoesInThatHeaderWithItsPrefixAndNotAsABearer() {
    Received r = get("/located/x", "Bearer " + CLIENT_TOKEN);

    assertThat(r.headers()).containsEntry("x-api-token", "Token located-key-0123456789");
    // Only the configured location is written; the client's own Authorization header is left as
    // agentgateway leaves it.
    assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + CLIENT_TOKEN);
  }

  @Test
  void theRoutesKeyReplacesTheClientsAndBeatsTheBackendsOwn() {
    Received r = get("/route-wins/x", "Bearer " + CLIENT_TOKEN);

    assertThat(r.headers()).containsEntry("authorization", "Bearer route-key-0123456789");
    assertThat(r.headers()).doesNotContainKey("x-api-key");
    assertThat(r.headers().values()).noneMatch(v -> v.contains(CLIENT_TOKEN));
  }

  @Test
  void theBackendReferencesKeyBeatsTheRoutes() {
    Received r = get("/reference-wins/x", "Bearer " + CLIENT_TOKEN);

    assertThat(r.headers()).containsEntry("authorization", "Bearer reference-key-0123456789");
  }

  @Test
  void aBackendWithoutARouteKeyUsesItsOwn() {
    Received r = get("/backend-own/x", "Bearer " + CLIENT_TOKEN);

    assertThat(r.headers()).containsEntry("authorization", "Bearer backend-own-key-0123456789");
  }

  @Test
  void aQueryParameterKeyAndTheCredentialsListAreAllWritten() {
    Received r = get("/query/x?api_key=client-query-key&page=2", "Bearer " + CLIENT_TOKEN);

    assertThat(r.uri()).isEqualTo("/query/x?page=2&api_key=query-key-0123456789");
    assertThat(r.headers()).containsEntry("x-extra", "extra-key-0123456789");
    assertThat(r.headers()).containsEntry("cookie", "theme=dark; session=cookie-key-0123456789");
  }

  @Test
  void passthroughForwardsTheValidatedTokenWhereConfigured() throws Exception {
    String token = token("user-1");

    Received r = get("/passthrough/x", "Bearer " + token);

    assertThat(r.headers()).containsEntry("x-forwarded-jwt", token);
  }

  @Test
  void passthroughNeverForwardsATokenThatFailedValidation() throws Exception {
    client()
        .get()
        .uri("/passthrough/x")
        .header("authorization", "Bearer not-a-jwt")
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(UP.received()).isEmpty();
  }

  @Test
  void jwtSignSendsAFreshTokenThatVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
    Instant before = Instant.now();
    String first = get("/signed/x", "Bearer " + CLIENT_TOKEN).headers().get("authorization");
    UP.reset();
    String second = get("/signed/x", "Bearer " + CLIENT_TOKEN).headers().get("authorization");

    assertThat(first).startsWith("Bearer ");
    // Signed per request: a token kept and reused would be the same string (ECDSA signatures are
    // randomized, so two signings never are).
    assertThat(second).startsWith("Bearer ").isNotEqualTo(first);
    SignedJWT jwt = SignedJWT.parse(first.substring("Bearer ".length()));
    assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) SIGNING.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("gateway.test");
    assertThat(claims.getSubject()).isEqualTo("ACCOUNT.USER");
    assertThat(claims.getAudience()).containsExactly("http://upstream.test");
    assertThat(claims.getStringListClaim("scopes")).containsExactly("read", "write");
    assertThat(claims.getLongClaim("level")).isEqualTo(3L);
    long iat = claims.getIssueTime().toInstant().getEpochSecond();
    long exp = claims.getExpirationTime().toInstant().getEpochSecond();
    // iat is backdated ten seconds for the receiver's clock; exp is the ttl (120s) from now.
    assertThat(exp - iat).isEqualTo(130);
    assertThat(iat).isBetween(before.getEpochSecond() - 11, Instant.now().getEpochSecond());
  }

  @Test
  void theRoutesKeyReachesAnAiBackendsProviderInItsOwnHeader() {
    client()
        .post()
        .uri("/v1/chat/completions")
        .header("authorization", "Bearer " + CLIENT_TOKEN)
        .header("content-type", "application/json")
        .bodyValue(
            "{\"model\":\"gemini-1.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .exchange();

    List<Received> received = UP.received();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).uri()).contains("gemini-1.5-flash:generateContent");
    assertThat(received.get(0).headers())
        .containsEntry("x-goog-api-key", "gemini-route-key-0123456789");
    assertThat(received.get(0).headers().values()).noneMatch(v -> v.contains(CLIENT_TOKEN));
  }

  private static String token(String subject) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER_KEY.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer("https://issuer.test")
                .audience("api")
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new RSASSASigner(ISSUER_KEY));
    return jwt.serialize();
  }

  private static String pem(byte[] pkcs8) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
