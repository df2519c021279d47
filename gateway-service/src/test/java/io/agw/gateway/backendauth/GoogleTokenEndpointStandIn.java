package io.agw.gateway.backendauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint on loopback, for a service account it generates: it accepts only
 * RFC 7523 JWT-bearer grants whose assertion is signed with the service account's private key and
 * issued by its email for this endpoint. An assertion with a {@code target_audience} claim gets an
 * {@code id_token} (a JWT signed by the endpoint's own key, for that audience, valid one hour); one
 * with the {@code cloud-platform} scope gets an {@code access_token}. Anything else is {@code
 * invalid_grant}. It records the audiences and scopes it granted, in order.
 */
final class GoogleTokenEndpointStandIn implements AutoCloseable {

  static final String EMAIL = "gateway@agw-test.iam.gserviceaccount.com";
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  private final HttpServer server;
  private final RSAKey account = rsa("sa-key-1");
  private final RSAKey google = rsa("google-key-1");
  private final List<String> granted = new CopyOnWriteArrayList<>();
  private final AtomicInteger minted = new AtomicInteger();

  GoogleTokenEndpointStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/token", this::handle);
    server.start();
  }

  String tokenUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The service account's key file, as the Cloud console downloads it, naming this endpoint. */
  String serviceAccountJson() throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(account.toPrivateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return """
        {"type": "service_account", "project_id": "agw-test", "private_key_id": "sa-key-1",
         "private_key": %s, "client_email": "%s", "client_id": "1234567890",
         "token_uri": "%s"}
        """
        .formatted(quote(pem), EMAIL, tokenUri());
  }

  /** The endpoint's public key: ID tokens it issued verify with it. */
  RSAKey googleKey() {
    return google.toPublicJWK();
  }

  /** What was granted, in order: {@code id:<audience>} or {@code access:<scope>}. */
  List<String> granted() {
    return List.copyOf(granted);
  }

  void reset() {
    granted.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String answer = answer(exchange.getRequestMethod(), form);
      int status = answer.contains("\"error\"") ? 400 : 200;
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private String answer(String method, Map<String, String> form) {
    if (!method.equals("POST")
        || !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
      return "{\"error\": \"unsupported_grant_type\"}";
    }
    JWTClaimsSet claims;
    try {
      SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
      if (!assertion.verify(new RSASSAVerifier(account.toRSAPublicKey()))) {
        return "{\"error\": \"invalid_grant\", \"error_description\": \"bad signature\"}";
      }
      claims = assertion.getJWTClaimsSet();
    } catch (Exception e) {
      return "{\"error\": \"invalid_grant\", \"error_description\": \"not a JWT\"}";
    }
    if (!EMAIL.equals(claims.getIssuer())
        || claims.getExpirationTime() == null
        || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
      return "{\"error\": \"invalid_grant\", \"error_description\": \"bad issuer or expiry\"}";
    }
    Object targetAudience = claims.getClaim("target_audience");
    if (targetAudience instanceof String audience && !audience.isEmpty()) {
      granted.add("id:" + audience);
      return "{\"id_token\": \"" + idToken(audience) + "\"}";
    }
    if (SCOPE.equals(claims.getClaim("scope"))) {
      granted.add("access:" + SCOPE);
      return "{\"access_token\": \"ya29.test-"
          + minted.incrementAndGet()
          + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}";
    }
    return "{\"error\": \"invalid_scope\"}";
  }

  private String idToken(String audience) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("https://accounts.google.com")
            .audience(audience)
            .subject("1234567890")
            .claim("email", EMAIL)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600)))
            .jwtID("id-" + minted.incrementAndGet())
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(google.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(google));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
