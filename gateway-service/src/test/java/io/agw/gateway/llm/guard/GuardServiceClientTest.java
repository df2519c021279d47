package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.support.TestUpstream;
import io.agw.model.resource.v1.AzureAnalyzeText;
import io.agw.model.resource.v1.AzureContentSafetyGuard;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.OpenAiModerationGuard;
import io.agw.model.resource.v1.SecretSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@link GuardServiceClient}, the one JSON client of the guard services, against real HTTP servers
 * on loopback: what it sends (JSON, credentials computed over the final request), what it refuses
 * (error statuses, bodies that are not JSON objects, answers over the size limit, each with a
 * message that names the kind and never the texts or the key), and a guard's {@code backendTLS}
 * honoured on an {@code http://} endpoint by every kind that uses it.
 */
class GuardServiceClientTest {

  private static final String KIND = "testGuard";
  private static final String KEY = "sk-guard-secret";
  private static final String TEXT = "a private prompt";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final ConcurrentLinkedQueue<Map<String, String>> RECEIVED =
      new ConcurrentLinkedQueue<>();

  private static final DisposableServer SERVICE =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .route(
              routes ->
                  routes
                      .post(
                          "/ok",
                          (req, res) ->
                              req.receive()
                                  .aggregate()
                                  .asString(StandardCharsets.UTF_8)
                                  .defaultIfEmpty("")
                                  .flatMap(
                                      body -> {
                                        RECEIVED.add(
                                            Map.of(
                                                "body", body,
                                                "content-type",
                                                    req.requestHeaders().get("content-type", ""),
                                                "accept", req.requestHeaders().get("accept", ""),
                                                "x-signed",
                                                    req.requestHeaders().get("x-signed", ""),
                                                "host", req.requestHeaders().get("host", "")));
                                        return json(res, 200, "{\"ok\":true}");
                                      }))
                      .post("/fail", (req, res) -> json(res, 500, "{\"error\":\"" + TEXT + "\"}"))
                      .post("/garbage", (req, res) -> json(res, 200, "<html>" + TEXT))
                      .post("/array", (req, res) -> json(res, 200, "[1, 2]"))
                      .post(
                          "/huge",
                          (req, res) ->
                              json(res, 200, "{\"pad\":\"" + "x".repeat(2 << 20) + "\"}")))
          .bindNow();

  private static final TestUpstream TLS_SERVICE = TestUpstream.startTls("guard-service");

  private static Mono<Void> json(HttpServerResponse res, int status, String body) {
    return res.status(status)
        .header("content-type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }

  private final BackendClients clients =
      new BackendClients(reactor.netty.http.client.HttpClient.create());

  @AfterAll
  static void stop() {
    SERVICE.disposeNow();
    TLS_SERVICE.close();
  }

  @BeforeEach
  void clear() {
    RECEIVED.clear();
    TLS_SERVICE.reset();
  }

  private GuardServiceClient client(UpstreamCredentials credentials) {
    return GuardServiceClient.of(
        KIND, URI.create("http://127.0.0.1:" + SERVICE.port() + "/"), null, clients, credentials);
  }

  private static BackendTls testCa() throws Exception {
    String ca = Path.of(GuardServiceClientTest.class.getResource("/tls/ca.pem").toURI()).toString();
    return BackendTls.newBuilder().setRoot(DataSource.newBuilder().setFile(ca)).build();
  }

  private static BackendAuth key() {
    return BackendAuth.newBuilder().setKey(SecretSource.newBuilder().setInline(KEY)).build();
  }

  @Test
  void postsJsonAndAppliesCredentialsToTheFinalRequest() {
    UpstreamCredentials signer =
        request -> {
          request.headers().set("x-signed", request.uri().getPath() + ":" + request.body().length);
          return Mono.empty();
        };

    JsonNode answer = client(signer).post("/ok", Map.of("text", TEXT)).block(WAIT);

    assertThat(answer.path("ok").asBoolean()).isTrue();
    Map<String, String> seen = RECEIVED.peek();
    assertThat(seen.get("body")).isEqualTo("{\"text\":\"" + TEXT + "\"}");
    assertThat(seen.get("content-type")).isEqualTo("application/json");
    assertThat(seen.get("accept")).isEqualTo("application/json");
    assertThat(seen.get("x-signed")).isEqualTo("/ok:" + seen.get("body").length());
    assertThat(seen.get("host")).isEqualTo("127.0.0.1:" + SERVICE.port());
  }

  @Test
  void errorStatusFailsNamingKindAndStatusOnly() {
    assertThatThrownBy(() -> client(GuardKey.bearer(KEY)).post("/fail", List.of(TEXT)).block(WAIT))
        .isInstanceOf(GuardServiceException.class)
        .hasMessage(KIND + " answered HTTP 500")
        .hasMessageNotContaining(TEXT)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void answersThatAreNotJsonObjectsFail() {
    assertThatThrownBy(() -> client(GuardKey.bearer(KEY)).post("/garbage", TEXT).block(WAIT))
        .isInstanceOf(GuardServiceException.class)
        .hasMessage(KIND + " answered with a body that is not JSON");
    assertThatThrownBy(() -> client(GuardKey.bearer(KEY)).post("/array", TEXT).block(WAIT))
        .isInstanceOf(GuardServiceException.class)
        .hasMessage(KIND + " answered with a body that is not a JSON object");
  }

  @Test
  void answerOverTheLimitIsRefused() {
    assertThatThrownBy(() -> client(UpstreamCredentials.NONE).post("/huge", TEXT).block(WAIT))
        .isInstanceOf(GuardServiceException.class)
        .hasMessage(KIND + " answered with a body that is too large");
  }

  @Test
  void moderationGuardCallsOverTlsWhenBackendTlsIsSetOnAnHttpEndpoint() throws Exception {
    GuardServices services =
        new GuardServices(
            clients,
            new SecretResolver(),
            null,
            new GuardEndpoints(
                Map.of(
                    ModerationGuard.ENDPOINT_KEY,
                    URI.create("http://127.0.0.1:" + TLS_SERVICE.port()))));
    ModerationGuard guard =
        new ModerationGuard(
            OpenAiModerationGuard.newBuilder()
                .setModel("omni-moderation-latest")
                .setAuth(key())
                .setTls(testCa())
                .build(),
            services);

    // The TLS upstream echoes the request, which has no moderation results: the guard fails
    // reading it, after a successful TLS exchange.
    assertThatThrownBy(
            () ->
                guard
                    .check(GuardPhase.REQUEST, List.of(new GuardText("user", TEXT)), null)
                    .block(WAIT))
        .hasMessage("openAIModeration answer has no results");
    assertThat(TLS_SERVICE.received()).hasSize(1);
    assertThat(TLS_SERVICE.received().get(0).uri()).isEqualTo("/v1/moderations");
    assertThat(TLS_SERVICE.received().get(0).headers())
        .containsEntry("authorization", "Bearer " + KEY);
  }

  @Test
  void contentSafetyGuardCallsOverTlsWhenBackendTlsIsSetOnAnHttpEndpoint() throws Exception {
    GuardServices services = new GuardServices(clients, new SecretResolver(), null, null);
    ContentSafetyGuard guard =
        new ContentSafetyGuard(
            AzureContentSafetyGuard.newBuilder()
                .setEndpoint("http://127.0.0.1:" + TLS_SERVICE.port() + "/")
                .setAuth(key())
                .setTls(testCa())
                .setAnalyzeText(
                    AzureAnalyzeText.newBuilder().setSeverityThreshold(2).setApiVersion("v1"))
                .build(),
            services);

    assertThatThrownBy(
            () ->
                guard
                    .check(GuardPhase.REQUEST, List.of(new GuardText("user", TEXT)), null)
                    .block(WAIT))
        .hasMessage("azureContentSafety analysis answer has no results");
    assertThat(TLS_SERVICE.received()).hasSize(1);
    assertThat(TLS_SERVICE.received().get(0).uri())
        .isEqualTo("/contentsafety/text:analyze?api-version=v1");
    assertThat(TLS_SERVICE.received().get(0).headers())
        .containsEntry("ocp-apim-subscription-key", KEY);
  }
}
