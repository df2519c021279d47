package io.agw.gateway.tokenexchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.agw.gateway.backend.redaction.SecretRedactor;
import io.agw.gateway.support.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code backendAuth.oauthTokenExchange} and {@code backendAuth.crossAppAccess} end to end: the
 * gateway exchanges the caller's token at a loopback authorization server that checks the grant's
 * parameters and the gateway's client authentication exactly, and the backend receives the issued
 * token instead of the caller's; a second request with the same token is served from the cache;
 * refusals and failures reach the client as 401 and 502 without the gateway's secrets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenExchangeIntegrationTest {

  static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  static final TokenEndpointStandIn AS = authorizationServer();
  static final DisposableServer UP = echoingBackend();
  static final DisposableServer REJECTING = rejectingBackend();
  static final int PORT = FreePorts.next();

  static TokenEndpointStandIn authorizationServer() {
    TokenEndpointStandIn as = new TokenEndpointStandIn();
    as.expect("rfc8693", new TokenEndpointStandIn.Client("gw client", "s3:cr3t&x", true));
    as.expect(
        "obo", new TokenEndpointStandIn.Client("my-app-client-id", "my-app-client-secret", false));
    as.expect("idp", new TokenEndpointStandIn.Client("agent-client", "agent-secret", true));
    as.expect("ras", new TokenEndpointStandIn.Client("resource-client", "resource-secret", false));
    as.failWith("refuse", 400);
    as.failWith("broken", 503);
    return as;
  }

  /** Answers 200 with the credentials it received. */
  static DisposableServer echoingBackend() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) ->
                res.status(200)
                    .sendString(
                        Mono.just(
                            "authorization="
                                + req.requestHeaders().get("authorization")
                                + ";x-backend-token="
                                + req.requestHeaders().get("x-backend-token")
                                + ";x-actor-token="
                                + req.requestHeaders().get("x-actor-token")))
                    .then())
        .bindNow();
  }

  /** Answers 401 with the token it received in its body, as many APIs do. */
  static DisposableServer rejectingBackend() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) ->
                res.status(401)
                    .header("content-type", "application/json")
                    .sendString(
                        Mono.just(
                            "{\"error\":\"token "
                                + req.requestHeaders().get("authorization").replace("Bearer ", "")
                                + " is not accepted\"}"))
                    .then())
        .bindNow();
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                TokenExchangeIntegrationTest.class
                    .getResourceAsStream("/tokenexchange/token-exchange.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", "127.0.0.1:" + UP.port())
            .replace("${REJECTING}", "127.0.0.1:" + REJECTING.port())
            .replace("${AS}", AS.authority());
    Path file = Files.createTempDirectory("agw-token-exchange").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    UP.disposeNow();
    REJECTING.disposeNow();
    AS.close();
  }

  private static WebTestClient client() {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static EntityExchangeResult<String> get(String path, int status, String... headers) {
    return client()
        .get()
        .uri(path)
        .headers(
            h -> {
              for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
              }
            })
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody(String.class)
        .returnResult();
  }

  private static long calls(String endpoint, String param, String value) {
    return AS.received(endpoint).stream().filter(r -> value.equals(r.one(param))).count();
  }

  @Test
  void theCallersTokenIsExchangedWithEveryConfiguredParameterAndTheBackendGetsTheIssuedOne() {
    String body =
        get("/exchange/items", 200, "authorization", "Bearer user-one", "x-tenant", "acme")
            .getResponseBody();

    assertThat(body).matches("authorization=Bearer at-\\d+-user-one;.*");
    TokenEndpointStandIn.Received r =
        AS.received("rfc8693").stream()
            .filter(x -> "user-one".equals(x.one("subject_token")))
            .findFirst()
            .orElseThrow();
    assertThat(r.form())
        .containsExactly(
            entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            entry("subject_token", "user-one"),
            entry("subject_token_type", ACCESS_TOKEN),
            entry("requested_token_type", ACCESS_TOKEN),
            entry("audience", "target-client"),
            entry("audience", "second-audience"),
            entry("scope", "read write"),
            entry("resource", "https://api.example.test/"),
            entry("tenant", "acme"));
    // RFC 6749 2.3.1: id and secret form-encoded, then Base64 (the stand-in checked the value).
    assertThat(r.authorization()).startsWith("Basic ");
  }

  @Test
  void aSecondRequestWithTheSameTokenIsServedFromTheCache() {
    String first =
        get("/exchange/a", 200, "authorization", "Bearer user-two", "x-tenant", "t")
            .getResponseBody();
    String second =
        get("/exchange/b", 200, "authorization", "Bearer user-two", "x-tenant", "t")
            .getResponseBody();
    get("/exchange/c", 200, "authorization", "Bearer user-three", "x-tenant", "t");

    assertThat(second).isEqualTo(first);
    assertThat(calls("rfc8693", "subject_token", "user-two")).isEqualTo(1);
    assertThat(calls("rfc8693", "subject_token", "user-three")).isEqualTo(1);
  }

  @Test
  void theJwtBearerGrantSendsTheTokenAsTheAssertionWithClientSecretPost() {
    String body = get("/obo/me", 200, "authorization", "Bearer user-obo").getResponseBody();

    assertThat(body).matches("authorization=Bearer at-\\d+-user-obo;.*");
    TokenEndpointStandIn.Received r = AS.received("obo").get(0);
    assertThat(r.form())
        .containsExactly(
            entry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            entry("assertion", "user-obo"),
            entry("scope", "https://graph.microsoft.com/.default"),
            entry("requested_token_use", "on_behalf_of"),
            entry("client_id", "my-app-client-id"),
            entry("client_secret", "my-app-client-secret"));
    assertThat(r.authorization()).isNull();
  }

  @Test
  void crossAppAccessTradesTheIdTokenForAnIdJagThenTheIdJagForAnAccessToken() {
    String body =
        get("/xaa/todos", 200, "authorization", "Bearer id-token-alice").getResponseBody();
    String again =
        get("/xaa/todos", 200, "authorization", "Bearer id-token-alice").getResponseBody();

    assertThat(body).matches("authorization=Bearer at-\\d+-idjag-\\d+-id-token-alice;.*");
    assertThat(again).isEqualTo(body);
    assertThat(AS.received("idp")).hasSize(1);
    assertThat(AS.received("idp").get(0).form())
        .containsExactly(
            entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            entry("subject_token", "id-token-alice"),
            entry("subject_token_type", "urn:ietf:params:oauth:token-type:id_token"),
            entry("requested_token_type", "urn:ietf:params:oauth:token-type:id-jag"),
            entry("audience", "https://ras.example.test"),
            entry("scope", "todos.read"),
            entry("resource", "https://api.example.test"));
    assertThat(AS.received("ras")).hasSize(1);
    TokenEndpointStandIn.Received ras = AS.received("ras").get(0);
    assertThat(ras.one("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    assertThat(ras.one("assertion")).matches("idjag-\\d+-id-token-alice");
    assertThat(ras.one("scope")).isEqualTo("todos.read");
    assertThat(ras.all("audience")).isEmpty();
    assertThat(ras.all("resource")).isEmpty();
  }

  @Test
  void aRequestWithoutATokenIsRefusedWithoutCallingTheAuthorizationServer() {
    int before = AS.received("rfc8693").size();

    String body = get("/exchange/items", 401).getResponseBody();

    assertThat(body).contains("no token to exchange");
    assertThat(AS.received("rfc8693")).hasSize(before);
  }

  @Test
  void anExtraParameterTheRequestCannotGiveIsA400WithoutCallingTheAuthorizationServer() {
    String body =
        get("/exchange/items", 400, "authorization", "Bearer user-notenant").getResponseBody();

    assertThat(body).contains("'tenant'");
    assertThat(calls("rfc8693", "subject_token", "user-notenant")).isZero();
  }

  @Test
  void aTokenTheAuthorizationServerRefusesIsA401WithItsErrorCode() {
    String body = get("/refused/x", 401, "authorization", "Bearer user-refused").getResponseBody();

    assertThat(body).contains("refused to exchange").contains("invalid_grant");
    assertThat(AS.received("refuse")).isNotEmpty();
  }

  @Test
  void aFailingAuthorizationServerIsA502ThatShowsNoSecretNorItsAnswer() {
    String body = get("/broken/x", 502, "authorization", "Bearer user-broken").getResponseBody();

    assertThat(body).contains("token exchange failed").contains("503");
    assertThat(body)
        .doesNotContain("broken-endpoint-secret")
        .doesNotContain("rejected")
        .doesNotContain("user-broken");
  }

  @Test
  void theExchangedTokenEchoedInABackendErrorIsRedacted() {
    String body = get("/rejecting/x", 401, "authorization", "Bearer user-echo").getResponseBody();

    assertThat(AS.received("plain")).isNotEmpty();
    assertThat(body)
        .contains("is not accepted")
        .contains(SecretRedactor.REDACTED)
        .doesNotContain("at-");
  }

  @Test
  void anActorTokenAndConfiguredLocationsWithoutCacheExchangeOnEveryRequest() {
    String first =
        get("/actor/x", 200, "x-subject", "subject-jwt", "x-actor-token", "actor-one")
            .getResponseBody();
    get("/actor/x", 200, "x-subject", "subject-jwt", "x-actor-token", "actor-one");

    assertThat(first)
        .matches("authorization=null;x-backend-token=at-\\d+-subject-jwt;x-actor-token=null");
    assertThat(AS.received("actor")).hasSize(2);
    assertThat(AS.received("actor").get(0).form())
        .containsExactly(
            entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            entry("subject_token", "subject-jwt"),
            entry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt"),
            entry("actor_token", "actor-one"),
            entry("actor_token_type", ACCESS_TOKEN));
  }
}
