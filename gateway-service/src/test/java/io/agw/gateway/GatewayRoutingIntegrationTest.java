package io.agw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.StampGatewayFilterFactory;
import io.agw.gateway.support.TestUpstream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The gateway in front of real local HTTP servers, configured by a YAML file in agentgateway's
 * format: routing, weights, header changes, redirects, rewrites, CORS, retries, timeouts, body
 * limits, backend TLS with a test CA, an extension filter, and the error statuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(GatewayRoutingIntegrationTest.Extensions.class)
class GatewayRoutingIntegrationTest {

  static final TestUpstream A = TestUpstream.start("a");
  static final TestUpstream B = TestUpstream.start("b");
  static final TestUpstream FLAKY = TestUpstream.start("flaky");
  static final TestUpstream SECURE = TestUpstream.startTls("secure");
  static final int MAIN_PORT = FreePorts.next();
  static final int SECOND_PORT = FreePorts.next();
  static final int DEAD_PORT = FreePorts.next();

  @TestConfiguration
  static class Extensions {
    @Bean
    StampGatewayFilterFactory stampGatewayFilterFactory() {
      return new StampGatewayFilterFactory();
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String ca =
        Path.of(GatewayRoutingIntegrationTest.class.getResource("/tls/ca.pem").toURI()).toString();
    String yaml =
        new String(
                GatewayRoutingIntegrationTest.class
                    .getResourceAsStream("/gateway/routing.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${MAIN_PORT}", Integer.toString(MAIN_PORT))
            .replace("${SECOND_PORT}", Integer.toString(SECOND_PORT))
            .replace("${A}", A.hostPort())
            .replace("${B}", B.hostPort())
            .replace("${FLAKY}", FLAKY.hostPort())
            .replace("${SECURE}", "localhost:" + SECURE.port())
            .replace("${DEAD}", "127.0.0.1:" + DEAD_PORT)
            .replace("${CA}", ca);
    Path file = Files.createTempDirectory("agw-routing").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stopUpstreams() {
    A.close();
    B.close();
    FLAKY.close();
    SECURE.close();
  }

  @Autowired WebTestClient admin;

  @org.junit.jupiter.api.BeforeEach
  void slowMachineTimeouts() {
    // The first Prometheus scrape or config dump can take seconds on a loaded 2-core CI machine.
    admin = admin.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  WebTestClient main =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + MAIN_PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void reset() {
    A.reset();
    B.reset();
    FLAKY.reset();
  }

  @Test
  void routesByHostPathMethodHeaderAndQuery() {
    main.get()
        .uri("/anything")
        .header("Host", "api.example.com")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "a");
    main.get()
        .uri("/exact")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "b");
    main.post()
        .uri("/match?v=12")
        .header("x-env", "canary")
        .exchange()
        .expectHeader()
        .valueEquals("x-upstream", "b");
    main.post()
        .uri("/match?v=abc")
        .header("x-env", "canary")
        .exchange()
        .expectHeader()
        .valueEquals("x-upstream", "a");
    main.get()
        .uri("/match?v=12")
        .header("x-env", "canary")
        .exchange()
        .expectHeader()
        .valueEquals("x-upstream", "a");
    main.get()
        .uri("/exact/deeper")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("route_not_found");
  }

  @Test
  void forwardsPathQueryBodyAndPreservesHost() throws Exception {
    // java.net.http sends the URI exactly as written, so percent-encoding reaches the gateway as
    // is.
    var request =
        java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + MAIN_PORT + "/exact?x=1&y=%20z"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload"))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    var received = B.received().get(0);
    assertThat(received.uri()).isEqualTo("/exact?x=1&y=%20z");
    assertThat(received.body()).isEqualTo("payload");
    assertThat(received.headers().get("host")).isEqualTo("127.0.0.1:" + MAIN_PORT);
    assertThat(received.headers()).containsKey("x-forwarded-for");
  }

  @Test
  void servesSeveralPortsAtOnce() {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + SECOND_PORT)
        .build()
        .get()
        .uri("/whatever")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "b");
  }

  @Test
  void splitsTrafficByWeight() {
    int requests = 400;
    IntStream.range(0, requests)
        .forEach(i -> main.get().uri("/weighted").exchange().expectStatus().isOk());
    int toA = A.received().size();
    int toB = B.received().size();
    assertThat(toA + toB).isEqualTo(requests);
    // 3:1 weights: expect 300 on A; 60 is about seven standard deviations.
    assertThat(toA).isBetween(240, 360);
  }

  @Test
  void changesRequestAndResponseHeaders() {
    main.get()
        .uri("/headers")
        .header("x-remove-me", "1")
        .header("x-added", "zero")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-resp", "yes")
        .expectHeader()
        .doesNotExist("x-upstream")
        .expectBody()
        .jsonPath("$.headers['x-set']")
        .isEqualTo("one")
        .jsonPath("$.headers['x-added']")
        .isEqualTo("zero,two")
        .jsonPath("$.headers['x-backend']")
        .isEqualTo("a")
        .jsonPath("$.headers['x-remove-me']")
        .doesNotExist();
  }

  @Test
  void redirectsWithoutCallingTheBackend() {
    main.get()
        .uri("/old/page?q=1")
        .header("Host", "shop.example:" + MAIN_PORT)
        .exchange()
        .expectStatus()
        .isEqualTo(301)
        .expectHeader()
        .valueEquals(HttpHeaders.LOCATION, "https://shop.example/new/page?q=1");
    assertThat(A.received()).isEmpty();
  }

  @Test
  void rewritesPathAndAuthority() {
    main.get()
        .uri("/rewrite/items?x=1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.uri")
        .isEqualTo("/v2/items?x=1")
        .jsonPath("$.headers.host")
        .isEqualTo("internal.example:9999");
  }

  @Test
  void answersCorsPreflightAndDecoratesAllowedRequests() {
    main.options()
        .uri("/cors/thing")
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-custom")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", "https://app.example.com")
        .expectHeader()
        .valueEquals("Access-Control-Max-Age", "600")
        .expectHeader()
        .valueEquals("Access-Control-Allow-Methods", "GET,POST");
    assertThat(A.received()).isEmpty();
    main.get()
        .uri("/cors/thing")
        .header("Origin", "https://app.example.com")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", "https://app.example.com")
        .expectHeader()
        .valueEquals("Access-Control-Expose-Headers", "x-upstream");
    main.options()
        .uri("/cors/thing")
        .header("Origin", "https://evil.example.com")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void retriesOn503UntilTheBackendRecovers() {
    main.post()
        .uri("/flaky/2")
        .bodyValue("keep me")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.body")
        .isEqualTo("keep me");
    assertThat(FLAKY.received()).hasSize(3);
    FLAKY.reset();
    main.get().uri("/flaky/5").exchange().expectStatus().isEqualTo(503);
    assertThat(FLAKY.received()).hasSize(3);
  }

  @Test
  void timesOutWith504() {
    main.get()
        .uri("/delay/3000")
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("timeout");
    main.get().uri("/delay/10").exchange().expectStatus().isOk();
  }

  @Test
  void bothRouteTimeoutsAnswerTheSameJsonError() {
    for (String which : new String[] {"request", "backend"}) {
      main.get()
          .uri("/delay/3000")
          .header("x-timeout", which)
          .exchange()
          .expectStatus()
          .isEqualTo(504)
          .expectHeader()
          .contentType(MediaType.APPLICATION_JSON)
          .expectBody()
          .jsonPath("$.error.type")
          .isEqualTo("timeout")
          .jsonPath("$.error.status")
          .isEqualTo(504)
          .jsonPath("$.error.message")
          .isEqualTo("upstream request timed out after 500 ms");
    }
  }

  @Test
  void refusesBodiesOverTheLimit() {
    main.post().uri("/upload").bodyValue("x".repeat(2000)).exchange().expectStatus().isEqualTo(413);
    var chunks =
        Flux.range(0, 40)
            .map(i -> DefaultDataBufferFactory.sharedInstance.wrap("y".repeat(100).getBytes()));
    main.post()
        .uri("/upload")
        .body(chunks, org.springframework.core.io.buffer.DataBuffer.class)
        .exchange()
        .expectStatus()
        .isEqualTo(413);
    assertThat(A.received()).isEmpty();
    main.post()
        .uri("/upload")
        .bodyValue("small")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.body")
        .isEqualTo("small");
  }

  @Test
  void reachesATlsBackendTrustedThroughTheTestCa() {
    main.get()
        .uri("/tls/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "secure");
    // Without the CA the backend's certificate is not trusted.
    main.get().uri("/untrusted/x").exchange().expectStatus().is5xxServerError();
  }

  @Test
  void runsTheExtensionFilterNamedInTheYaml() {
    main.get()
        .uri("/ext")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.headers['x-stamp']")
        .isEqualTo("from-yaml");
  }

  @Test
  void directResponseAndUnreachableBackend() {
    main.get()
        .uri("/direct")
        .exchange()
        .expectStatus()
        .isEqualTo(418)
        .expectBody(String.class)
        .isEqualTo("short and stout");
    main.get()
        .uri("/down")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("backend_unavailable");
  }

  @Test
  void actuatorReportsHealthMetricsAndTheConfigDump() {
    admin.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    admin.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    main.get().uri("/exact").exchange().expectStatus().isOk();
    admin
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains("agw_requests_seconds_count{backend=")
                    .contains("route=\"exact\""));
    admin
        .get()
        .uri("/actuator/configdump")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isNumber()
        .jsonPath("$.ports['" + MAIN_PORT + "']")
        .isEqualTo(MAIN_PORT)
        .jsonPath("$.resources[?(@.key == 'bind/" + MAIN_PORT + "')]")
        .exists();
  }
}
