package io.agw.gateway.security.extauthz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The {@code extAuthz} policy on a real gateway, against a real Envoy ext_authz gRPC server and a
 * plain HTTP authorization service on loopback: what the services receive, what an allow adds
 * upstream, what a refusal returns to the client, {@code failureMode} when the service is down, the
 * body limit, and {@code extauthz} in later CEL policies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExtAuthzIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final TestGrpcAuthzServer GRPC = grpcServer();
  static final TestHttpAuthzServer HTTP = new TestHttpAuthzServer();
  static final int PORT = FreePorts.next();

  static TestGrpcAuthzServer grpcServer() {
    try {
      return new TestGrpcAuthzServer();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                ExtAuthzIntegrationTest.class
                    .getResourceAsStream("/security/extauthz.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", UP.hostPort())
            .replace("${GRPC}", GRPC.hostPort())
            .replace("${HTTP}", HTTP.hostPort())
            .replace("${DOWN}", "127.0.0.1:" + FreePorts.closed());
    Path file = Files.createTempDirectory("agw-extauthz").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() throws Exception {
    UP.close();
    GRPC.close();
    HTTP.close();
  }

  WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();

  @BeforeEach
  void reset() {
    UP.reset();
    GRPC.received.clear();
    HTTP.received.clear();
  }

  TestUpstream.Received upstream() {
    var received = UP.received();
    return received.get(received.size() - 1);
  }

  @Test
  void grpcAllowChangesTheUpstreamRequestAndTheResponse() {
    client
        .post()
        .uri("/grpc/items?q=1")
        .header("x-decision", "allow")
        .header("x-secret", "s3cret")
        .header("cookie", "a=1")
        .header("cookie", "b=2")
        .bodyValue("hello")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-authz-checked", "yes");
    assertThat(upstream().headers()).containsEntry("x-authz-user", "alice");
    assertThat(upstream().headers()).doesNotContainKey("x-secret");
    assertThat(upstream().headers()).containsEntry("x-tier", "gold");
    assertThat(upstream().body()).isEqualTo("hello");

    CheckRequest check = GRPC.last();
    AttributeContext.HttpRequest http = check.getAttributes().getRequest().getHttp();
    assertThat(http.getMethod()).isEqualTo("POST");
    assertThat(http.getPath()).isEqualTo("/grpc/items?q=1");
    assertThat(http.getHeadersMap())
        .containsEntry(":method", "POST")
        .containsEntry("x-secret", "s3cret")
        .containsEntry("cookie", "a=1; b=2");
    assertThat(http.getBody()).isEqualTo("hello");
    assertThat(http.getSize()).isEqualTo(5);
    assertThat(check.getAttributes().getContextExtensionsMap()).containsEntry("tenant", "acme");
    assertThat(check.getAttributes().getSource().getAddress().getSocketAddress().getAddress())
        .isEqualTo("127.0.0.1");
    assertThat(
            check.getAttributes().getDestination().getAddress().getSocketAddress().getPortValue())
        .isEqualTo(PORT);
  }

  @Test
  void grpcDenialReturnsTheServersStatusHeadersAndBody() {
    client
        .get()
        .uri("/grpc/items")
        .header("x-decision", "deny")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("www-authenticate", "Bearer realm=\"authz\"")
        .expectBody(String.class)
        .isEqualTo("denied by the test authz server");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void grpcDenialWithoutAResponseIsTheGateways403() {
    client
        .get()
        .uri("/grpc/items")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("forbidden");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void theServicesMetadataIsReadByALaterAuthorizationRule() {
    client
        .get()
        .uri("/grpc/not-gold")
        .header("x-decision", "allow")
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(GRPC.received).hasSize(1);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() {
    client
        .post()
        .uri("/grpc/items")
        .header("x-decision", "allow")
        .bodyValue("this body is longer than sixteen bytes")
        .exchange()
        .expectStatus()
        .isEqualTo(413);
    assertThat(GRPC.received).isEmpty();
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aPartialBodyIsSentWhenAllowedAndTheHeadersAreOnlyThoseIncluded() {
    client
        .post()
        .uri("/meta/x")
        .header("x-decision", "allow")
        .header("x-team", "blue")
        .header("x-other", "not sent")
        .bodyValue("abcdefgh")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(upstream().body()).isEqualTo("abcdefgh");
    CheckRequest check = GRPC.last();
    AttributeContext.HttpRequest http = check.getAttributes().getRequest().getHttp();
    assertThat(http.getHeadersMap())
        .containsOnlyKeys("x-decision", ":method")
        .containsEntry(":method", "POST");
    assertThat(http.getBody()).isEqualTo("abcd");
    assertThat(http.getSize()).isEqualTo(-1);
    var route = check.getAttributes().getMetadataContext().getFilterMetadataMap().get("route");
    assertThat(route.getFieldsMap().get("path").getStringValue()).isEqualTo("/meta/x");
    assertThat(route.getFieldsMap().get("team").getStringValue()).isEqualTo("blue");
  }

  @Test
  void httpAllowCopiesTheChosenHeadersAndExposesMetadata() {
    client
        .post()
        .uri("/http/doc?v=2")
        .header("Authorization", "Bearer good")
        .header("x-other", "not sent")
        .bodyValue("payload")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(upstream().headers()).containsEntry("x-auth-user", "bob");
    assertThat(upstream().headers()).doesNotContainKey("x-not-copied");
    assertThat(upstream().headers()).containsEntry("x-group", "admins");
    assertThat(upstream().body()).isEqualTo("payload");

    TestHttpAuthzServer.Received check = HTTP.last();
    assertThat(check.method()).isEqualTo("POST");
    assertThat(check.uri()).isEqualTo("/check/http/doc");
    assertThat(check.headers())
        .containsEntry("authorization", "Bearer good")
        .containsEntry("x-original-host", "127.0.0.1:" + PORT)
        .containsEntry("x-envoy-auth-partial-body", "false")
        .doesNotContainKey("x-other");
    assertThat(check.body()).isEqualTo("payload");
  }

  @Test
  void httpDenialReturnsTheServicesAnswer() {
    client
        .get()
        .uri("/http/doc")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("x-reason", "no-token")
        .expectBody(String.class)
        .isEqualTo("please log in");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void httpDenialWithARedirectSendsTheClientThere() {
    client
        .get()
        .uri("/login-first/page")
        .exchange()
        .expectStatus()
        .isFound()
        .expectHeader()
        .valueEquals("Location", "/signin?rd=/login-first/page");
    assertThat(HTTP.last().uri()).isEqualTo("/login-first/page");
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void anUnreachableServiceFollowsFailureMode() {
    client
        .get()
        .uri("/down-deny/x")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("forbidden");
    client.get().uri("/down-status/x").exchange().expectStatus().isEqualTo(503);
    assertThat(UP.received()).isEmpty();
    client.get().uri("/down-allow/x").exchange().expectStatus().isOk();
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void aCachedGrpcDecisionIsReusedForTheSameKeyOnly() {
    for (int i = 0; i < 2; i++) {
      client
          .get()
          .uri("/cached-grpc/a")
          .header("x-user", "cache-alice")
          .header("x-decision", "allow")
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals("x-authz-checked", "yes");
      // The kept decision still carries the service's metadata and header changes.
      assertThat(upstream().headers())
          .containsEntry("x-tier", "gold")
          .containsEntry("x-authz-user", "alice");
    }
    assertThat(GRPC.received).hasSize(1);

    client
        .get()
        .uri("/cached-grpc/a")
        .header("x-user", "cache-bob")
        .header("x-decision", "allow")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(GRPC.received).hasSize(2);
    assertThat(GRPC.last().getAttributes().getRequest().getHttp().getHeadersMap())
        .containsEntry("x-user", "cache-bob");
  }

  @Test
  void aCachedGrpcRefusalIsReusedEvenWhenOtherFieldsChange() {
    client
        .get()
        .uri("/cached-grpc/b")
        .header("x-user", "cache-mallory")
        .header("x-decision", "deny")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    // Same key: the refusal is reused although the service would now allow (the key must cover
    // what the service decides on, as agentgateway warns).
    client
        .get()
        .uri("/cached-grpc/b")
        .header("x-user", "cache-mallory")
        .header("x-decision", "allow")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody(String.class)
        .isEqualTo("denied by the test authz server");
    assertThat(GRPC.received).hasSize(1);
    assertThat(UP.received()).isEmpty();
  }

  @Test
  void aKeyThatCannotBeEvaluatedIsNotCached() {
    for (int i = 0; i < 2; i++) {
      client
          .get()
          .uri("/cached-grpc/c")
          .header("x-decision", "allow")
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(GRPC.received).hasSize(2);
  }

  @Test
  void aTtlAlreadyOverKeepsNothing() {
    for (int i = 0; i < 2; i++) {
      client
          .get()
          .uri("/cached-expired/d")
          .header("x-user", "cache-carol")
          .header("x-decision", "allow")
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(GRPC.received).hasSize(2);
  }

  @Test
  void aCachedHttpDecisionKeepsItsMetadataAndA401IsKeptToo() {
    for (int i = 0; i < 2; i++) {
      client
          .get()
          .uri("/cached-http/doc")
          .header("authorization", "Bearer good")
          .exchange()
          .expectStatus()
          .isOk();
      assertThat(upstream().headers()).containsEntry("x-group", "admins");
    }
    assertThat(HTTP.received).hasSize(1);

    for (int i = 0; i < 2; i++) {
      client
          .get()
          .uri("/cached-http/doc")
          .header("authorization", "Bearer cache-stale")
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .valueEquals("x-reason", "no-token");
    }
    assertThat(HTTP.received).hasSize(2);
  }
}
