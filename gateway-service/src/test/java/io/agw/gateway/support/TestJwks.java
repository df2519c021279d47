package io.agw.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A JWKS server on loopback over HTTPS (the test CA's {@code localhost} certificate) with RSA
 * signing keys that can be rotated, and a token minter. Counts the fetches of its key set.
 */
public final class TestJwks implements AutoCloseable {

  private volatile RSAKey key;
  private final DisposableServer server;
  private final AtomicInteger fetches = new AtomicInteger();

  public TestJwks() throws Exception {
    this.key = newKey("key-1");
    var tls =
        SslContextBuilder.forServer(
                TestJwks.class.getResourceAsStream("/tls/server.pem"),
                TestJwks.class.getResourceAsStream("/tls/server.key"))
            .build();
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .secure(spec -> spec.sslContext(tls))
            .handle(
                (req, res) -> {
                  fetches.incrementAndGet();
                  String json = new JWKSet(key.toPublicJWK()).toString();
                  return res.header("content-type", "application/json").sendString(Mono.just(json));
                })
            .bindNow();
  }

  public String url() {
    return "https://localhost:" + server.port() + "/jwks.json";
  }

  public int fetches() {
    return fetches.get();
  }

  /** Replaces the signing key (new key id); the old one is no longer published. */
  public void rotate(String kid) throws JOSEException {
    key = newKey(kid);
  }

  /** A token signed with the current key. */
  public String token(
      String issuer, String audience, String subject, Instant expires, Map<String, Object> claims)
      throws JOSEException {
    return sign(key, issuer, audience, subject, expires, claims);
  }

  /** A token signed with a key the server never published. */
  public static String foreignToken(String issuer, String audience, String subject)
      throws JOSEException {
    return sign(
        newKey("key-1"), issuer, audience, subject, Instant.now().plusSeconds(300), Map.of());
  }

  private static String sign(
      RSAKey key,
      String issuer,
      String audience,
      String subject,
      Instant expires,
      Map<String, Object> claims)
      throws JOSEException {
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(subject)
            .audience(audience == null ? List.of() : List.of(audience))
            .issueTime(new Date())
            .expirationTime(Date.from(expires));
    claims.forEach(b::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static RSAKey newKey(String kid) throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
