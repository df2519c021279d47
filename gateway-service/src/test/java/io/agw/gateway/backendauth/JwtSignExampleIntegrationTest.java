package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import io.agw.gateway.support.TestUpstream.Received;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * agentgateway's {@code traffic-jwt-sign} example as written (only its port and its upstream moved
 * to loopback): the upstream receives, on every request, an ES256 token signed with the example's
 * demo key, with its {@code kid}, its claims and a 300 s lifetime, next to the companion header of
 * its {@code requestHeaderModifier}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtSignExampleIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("snowflake");
  static final int PORT = FreePorts.next();
  static final String EXAMPLE = "/agentgateway-examples/traffic-jwt-sign/config.yaml";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        GatewayConfigFile.resource(EXAMPLE)
            .replace("- port: 3000\n", "- port: " + PORT + "\n")
            .replace("- host: 127.0.0.1:8080\n", "- host: " + UP.hostPort() + "\n");
    GatewayConfigFile.register(registry, yaml);
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  @Test
  void theUpstreamGetsATokenSignedWithTheExamplesKeyAndItsClaims() throws Exception {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .get()
        .uri("/api/v2/statements")
        .header("authorization", "Bearer client-token-0123456789")
        .exchange()
        .expectStatus()
        .isOk();

    List<Received> received = UP.received();
    assertThat(received).hasSize(1);
    Received r = received.get(0);
    assertThat(r.headers()).containsEntry("x-demo-authorization-token-type", "KEYPAIR_JWT");
    String authorization = r.headers().get("authorization");
    assertThat(authorization).startsWith("Bearer ").doesNotContain("client-token");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.verify(new ECDSAVerifier(examplePublicKey()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("demo-key-1");
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("MYACCOUNT.MYUSER.SHA256:public-key-fingerprint");
    assertThat(claims.getSubject()).isEqualTo("MYACCOUNT.MYUSER");
    assertThat(claims.getAudience()).containsExactly("http://127.0.0.1:8080");
    long lifetime =
        claims.getExpirationTime().toInstant().getEpochSecond()
            - claims.getIssueTime().toInstant().getEpochSecond();
    assertThat(lifetime).isEqualTo(300 + 10);
  }

  /**
   * The public key of the example's P-256 key: its PKCS#8 text embeds the SEC1 key, whose last 65
   * bytes are the public point (0x04, X, Y).
   */
  private static ECPublicKey examplePublicKey() throws Exception {
    String text = GatewayConfigFile.resource(EXAMPLE);
    String base64 =
        text.substring(
                text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----"))
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    KeyFactory ec = KeyFactory.getInstance("EC");
    ECPrivateKey key = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der));
    byte[] point = Arrays.copyOfRange(der, der.length - 65, der.length);
    assertThat(point[0]).isEqualTo((byte) 0x04);
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    return (ECPublicKey) ec.generatePublic(new ECPublicKeySpec(w, key.getParams()));
  }
}
