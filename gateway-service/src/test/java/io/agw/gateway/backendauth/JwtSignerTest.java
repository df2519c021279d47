package io.agw.gateway.backendauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.agw.model.resource.v1.JwtSignAuth;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signer with fixed clocks and keys in each PEM form it reads. */
class JwtSignerTest {

  static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /**
   * The PKCS#1 key inside Java's PKCS#8 encoding of a 2048-bit RSA key (after a 26-byte header).
   */
  static byte[] pkcs1(KeyPair pair) {
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    assertThat(pkcs8[22]).isEqualTo((byte) 0x04); // the OCTET STRING holding the PKCS#1 key
    return Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
  }

  static JwtSignAuth config(JwtSignAuth.Algorithm alg) {
    return JwtSignAuth.newBuilder()
        .setAlg(alg)
        .setClaims(
            Struct.newBuilder()
                .putFields("sub", Value.newBuilder().setStringValue("svc").build())
                .putFields("n", Value.newBuilder().setNumberValue(2).build()))
        .build();
  }

  @Test
  void aPkcs1RsaKeySignsRs256WithTheDefaultLifetime() throws Exception {
    KeyPair pair = rsa();
    JwtSigner signer =
        JwtSigner.of(
            config(JwtSignAuth.Algorithm.RS256), pem("RSA PRIVATE KEY", pkcs1(pair)), CLOCK);

    SignedJWT jwt = SignedJWT.parse(signer.sign());

    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isNull();
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("svc");
    assertThat(jwt.getJWTClaimsSet().getClaim("n")).isEqualTo(2L);
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW.minusSeconds(10));
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void aPkcs8RsaKeySignsPs256() throws Exception {
    KeyPair pair = rsa();
    JwtSigner signer =
        JwtSigner.of(
            config(JwtSignAuth.Algorithm.PS256),
            pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
            CLOCK);

    SignedJWT jwt = SignedJWT.parse(signer.sign());

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
  }

  @Test
  void aKeyThatDoesNotFitTheAlgorithmIsRefusedWhenBuilt() throws Exception {
    String rsaKey = pem("PRIVATE KEY", rsa().getPrivate().getEncoded());

    assertThatThrownBy(() -> JwtSigner.of(config(JwtSignAuth.Algorithm.ES256), rsaKey, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid EC private key");
    assertThatThrownBy(
            () ->
                JwtSigner.of(
                    config(JwtSignAuth.Algorithm.ES256),
                    "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----",
                    CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }
}
