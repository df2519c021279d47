package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import io.agw.gateway.support.TestUpstream.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code backendAuth.gcp} on plain backends, end to end: a real gateway with a service-account
 * credential file whose {@code token_uri} is a loopback stand-in of Google's token endpoint (which
 * checks the signed JWT-bearer assertion), in front of a loopback upstream that records what it
 * receives. {@code type: idToken} sends a Google-signed ID token for the configured audience, or
 * for {@code https://} and the backend's host name without one; the default type sends an access
 * token; a token is fetched once and reused while it is fresh; the client's own Authorization is
 * replaced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GcpBackendAuthIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final GoogleTokenEndpointStandIn GOOGLE = new GoogleTokenEndpointStandIn();
  static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-gcp-backend-auth");
    Path credential = dir.resolve("service-account.json");
    Files.writeString(credential, GOOGLE.serviceAccountJson());
    String yaml =
        GatewayConfigFile.resource(
            "/backendauth/gcp-backend-auth.yaml",
            Map.of(
                "PORT", Integer.toString(PORT),
                "UP", UP.hostPort(),
                "CREDENTIAL_FILE", credential.toString()));
    GatewayConfigFile.register(registry, dir.resolve("config.yaml"), yaml);
  }

  @AfterAll
  static void stop() {
    UP.close();
    GOOGLE.close();
  }

  @BeforeEach
  void reset() {
    UP.reset();
  }

  /** Sends a GET with the client's own bearer token and returns what the upstream received. */
  private static Received get(String path) {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .get()
        .uri(path)
        .header("authorization", "Bearer client-token-0123456789")
        .exchange()
        .expectStatus()
        .isOk();
    List<Received> received = UP.received();
    assertThat(received).hasSize(1);
    UP.reset();
    return received.get(0);
  }

  /** The upstream's bearer token, verified as an ID token the stand-in issued. */
  private static SignedJWT idToken(Received r) throws Exception {
    String authorization = r.headers().get("authorization");
    assertThat(authorization).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.verify(new RSASSAVerifier(GOOGLE.googleKey()))).isTrue();
    return jwt;
  }

  @Test
  void anIdTokenForTheConfiguredAudienceReplacesTheClientsTokenAndIsReused() throws Exception {
    SignedJWT first = idToken(get("/audience/a"));
    SignedJWT second = idToken(get("/audience/b"));

    assertThat(first.getJWTClaimsSet().getAudience())
        .containsExactly("https://hello-abc123-uc.a.run.app");
    assertThat(first.getJWTClaimsSet().getStringClaim("email"))
        .isEqualTo(GoogleTokenEndpointStandIn.EMAIL);
    // Fetched once (valid an hour), then reused.
    assertThat(second.serialize()).isEqualTo(first.serialize());
    assertThat(GOOGLE.granted()).containsOnlyOnce("id:https://hello-abc123-uc.a.run.app");
  }

  @Test
  void withoutAnAudienceTheIdTokenIsForTheBackendsHostOverHttps() throws Exception {
    SignedJWT token = idToken(get("/default-audience/x"));

    // The host name only, as agentgateway (Cloud Run's audience is its URL without a port).
    assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("https://127.0.0.1");
  }

  @Test
  void theDefaultTypeSendsAnAccessTokenForTheCloudPlatformScope() {
    Received first = get("/access/a");
    Received second = get("/access/b");

    assertThat(first.headers().get("authorization")).matches("Bearer ya29\\.test-\\d+");
    assertThat(second.headers().get("authorization"))
        .isEqualTo(first.headers().get("authorization"));
    assertThat(GOOGLE.granted()).containsOnlyOnce("access:" + GoogleTokenEndpointStandIn.SCOPE);
  }
}
