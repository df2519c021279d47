package io.agw.gateway.llm.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local OAuth token endpoint in the role of {@code oauth2.googleapis.com/token} for a service
 * account: it generates the account's RSA key, writes the service-account JSON that points {@code
 * token_uri} at itself, checks each JWT-bearer assertion's RS256 signature with the public key and
 * its {@code scope}, and issues numbered access tokens ({@code ya29.local-<n>}) valid for {@code
 * expiresIn} seconds. An assertion that does not verify gets 400 {@code invalid_grant}.
 */
public final class GoogleTokenServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KeyPair keys;
  private final DisposableServer server;
  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> scopes = new CopyOnWriteArrayList<>();
  private volatile long expiresIn = 3600;

  private GoogleTokenServer() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes.post(
                        "/token",
                        (req, res) ->
                            req.receive()
                                .aggregate()
                                .asString()
                                .flatMap(
                                    form -> {
                                      String token = grant(form);
                                      if (token == null) {
                                        return res.status(HttpResponseStatus.BAD_REQUEST)
                                            .header("content-type", "application/json")
                                            .sendString(Mono.just("{\"error\":\"invalid_grant\"}"))
                                            .then();
                                      }
                                      return res.header("content-type", "application/json")
                                          .sendString(
                                              Mono.just(
                                                  "{\"access_token\":\""
                                                      + token
                                                      + "\",\"expires_in\":"
                                                      + expiresIn
                                                      + ",\"token_type\":\"Bearer\"}"))
                                          .then();
                                    })))
            .bindNow();
  }

  public static GoogleTokenServer start() {
    return new GoogleTokenServer();
  }

  /** The service-account credential JSON whose token endpoint is this server. */
  public String serviceAccountJson() {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .put("type", "service_account")
            .put("project_id", "test-project")
            .put("private_key_id", "local-key-1")
            .put("private_key", pem)
            .put("client_email", "gateway@test-project.iam.gserviceaccount.com")
            .put("client_id", "100000000000000000001")
            .put("token_uri", "http://127.0.0.1:" + server.port() + "/token"));
  }

  /** The number of tokens issued so far. */
  public int issued() {
    return issued.get();
  }

  /** The last token issued, or null. */
  public String lastToken() {
    int n = issued.get();
    return n == 0 ? null : token(n);
  }

  /** The scopes the assertions asked for. */
  public List<String> scopes() {
    return List.copyOf(scopes);
  }

  /** Lifetime of the next tokens. */
  public void expiresIn(long seconds) {
    this.expiresIn = seconds;
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private String grant(String form) {
    String assertion = null;
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("assertion")) {
        assertion = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    if (assertion == null) {
      return null;
    }
    String[] jwt = assertion.split("\\.");
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(keys.getPublic());
      rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
        return null;
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
      scopes.add(claims.path("scope").asString(""));
    } catch (Exception e) {
      return null;
    }
    return token(issued.incrementAndGet());
  }

  private static String token(int n) {
    return "ya29.local-" + n;
  }
}
