package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Issue 17's {@code retry.condition} / {@code retry.precondition} and {@code csrf} in front of a
 * real loopback upstream ({@code gateway/retry-csrf.yaml}) that fails a given number of times,
 * softly (200 with {@code x-req-failed: true}), with 503 or with 409, and counts the attempts it
 * received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetryConditionAndCsrfIntegrationTest {

  static final FailingUpstream UPSTREAM = new FailingUpstream();
  static final int MAIN_PORT = FreePorts.next();
  static final int GUARDED_PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws IOException {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/retry-csrf.yaml",
            Map.of(
                "MAIN_PORT", Integer.toString(MAIN_PORT),
                "GUARDED_PORT", Integer.toString(GUARDED_PORT),
                "UPSTREAM", "127.0.0.1:" + UPSTREAM.port()));
    Path file = Files.createTempDirectory("agw-retry-csrf").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    UPSTREAM.close();
  }

  final WebTestClient main = client(MAIN_PORT);
  final WebTestClient guarded = client(GUARDED_PORT);

  static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  @BeforeEach
  void reset() {
    UPSTREAM.reset();
  }

  @Test
  void theConditionRetriesAnswersTheCodesDoNotList() {
    main.get()
        .uri("/cond/soft/2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .doesNotExist("x-req-failed")
        .expectHeader()
        .valueEquals("x-attempt", "3");
    assertThat(UPSTREAM.attempts("/cond/soft/2")).isEqualTo(3);
  }

  @Test
  void afterTheLastAttemptTheClientGetsTheLastAnswer() {
    main.post()
        .uri("/cond/soft/5")
        .bodyValue("order 7")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-req-failed", "true")
        .expectHeader()
        .valueEquals("x-attempt", "3");
    assertThat(UPSTREAM.attempts("/cond/soft/5")).isEqualTo(3);
    // every attempt carried the body again
    assertThat(UPSTREAM.bodies()).containsExactly("order 7", "order 7", "order 7");
  }

  @Test
  void codesStillRetryNextToTheCondition() {
    main.get().uri("/cond/hard/2").exchange().expectStatus().isOk();
    assertThat(UPSTREAM.attempts("/cond/hard/2")).isEqualTo(3);
  }

  @Test
  void theConditionReadsTheRequestToo() {
    main.get()
        .uri("/cond/conflict/1")
        .header("x-retry-conflicts", "yes")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(UPSTREAM.attempts("/cond/conflict/1")).isEqualTo(2);

    UPSTREAM.reset();
    main.get().uri("/cond/conflict/1").exchange().expectStatus().isEqualTo(409);
    assertThat(UPSTREAM.attempts("/cond/conflict/1")).isEqualTo(1);
  }

  @Test
  void anAnswerNeitherTheCodesNorTheConditionFlagIsNotRetried() {
    main.get().uri("/cond/broken/1").exchange().expectStatus().isEqualTo(500);
    assertThat(UPSTREAM.attempts("/cond/broken/1")).isEqualTo(1);
  }

  @Test
  void aRequestThePreconditionRefusesIsSentOnce() {
    main.get().uri("/gated/hard/2").exchange().expectStatus().isOk();
    assertThat(UPSTREAM.attempts("/gated/hard/2")).isEqualTo(3);

    UPSTREAM.reset();
    main.post()
        .uri("/gated/hard/2")
        .bodyValue("not idempotent")
        .exchange()
        .expectStatus()
        .isEqualTo(503);
    assertThat(UPSTREAM.attempts("/gated/hard/2")).isEqualTo(1);
  }

  @Test
  void aCrossSitePostIsRefusedBeforeItReachesTheUpstream() {
    main.post()
        .uri("/form/transfer")
        .header("Origin", "https://evil.test")
        .bodyValue("amount=100")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.message")
        .isEqualTo("CSRF validation failed");
    main.method(HttpMethod.DELETE)
        .uri("/form/account")
        .header("Origin", "https://evil.test")
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(UPSTREAM.total()).isZero();
  }

  @Test
  void sameOriginTrustedOriginsAndRequestsWithoutAnOriginPass() {
    main.post()
        .uri("/form/transfer")
        .header("Origin", "http://127.0.0.1:" + MAIN_PORT)
        .bodyValue("amount=1")
        .exchange()
        .expectStatus()
        .isOk();
    main.post()
        .uri("/form/transfer")
        .header("Origin", "https://app.test")
        .bodyValue("amount=2")
        .exchange()
        .expectStatus()
        .isOk();
    // a client that is no browser sends no Origin
    main.post().uri("/form/transfer").bodyValue("amount=3").exchange().expectStatus().isOk();
    // an opaque origin says nothing
    main.put()
        .uri("/form/transfer")
        .header("Origin", "null")
        .bodyValue("amount=4")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(UPSTREAM.total()).isEqualTo(4);
  }

  @Test
  void safeMethodsPassFromAnyOrigin() {
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)) {
      main.method(method)
          .uri("/form/balance")
          .header("Origin", "https://evil.test")
          .header("Sec-Fetch-Site", "cross-site")
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(UPSTREAM.total()).isEqualTo(3);
  }

  @Test
  void secFetchSiteDecidesBeforeTheOrigin() {
    // the browser says same-origin: passes whatever the Origin
    main.post()
        .uri("/form/transfer")
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", "https://evil.test")
        .exchange()
        .expectStatus()
        .isOk();
    // typed in the address bar or a bookmark
    main.post()
        .uri("/form/transfer")
        .header("Sec-Fetch-Site", "none")
        .exchange()
        .expectStatus()
        .isOk();
    // another site, even a sibling subdomain, is refused unless its origin is trusted
    main.post()
        .uri("/form/transfer")
        .header("Sec-Fetch-Site", "same-site")
        .header("Origin", "http://127.0.0.1:" + MAIN_PORT)
        .exchange()
        .expectStatus()
        .isForbidden();
    main.post()
        .uri("/form/transfer")
        .header("Sec-Fetch-Site", "cross-site")
        .exchange()
        .expectStatus()
        .isForbidden();
    main.post()
        .uri("/form/transfer")
        .header("Sec-Fetch-Site", "cross-site")
        .header("Origin", "https://app.test")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(UPSTREAM.total()).isEqualTo(3);
  }

  @Test
  void aListenersCsrfGuardsEveryRouteOfIt() {
    guarded
        .post()
        .uri("/anything")
        .header("Origin", "https://app.test")
        .exchange()
        .expectStatus()
        .isForbidden();
    guarded
        .post()
        .uri("/anything")
        .header("Origin", "http://127.0.0.1:" + GUARDED_PORT)
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(UPSTREAM.total()).isEqualTo(1);
  }

  /**
   * Answers {@code /<route>/<mode>/<n>}: the first {@code n} requests to a path fail ({@code soft}:
   * 200 with {@code x-req-failed: true}; {@code hard}: 503; {@code conflict}: 409; {@code broken}:
   * 500), later ones succeed; anything else answers 200. Every answer says which attempt it was in
   * {@code x-attempt}.
   */
  static final class FailingUpstream implements AutoCloseable {
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              String path =
                                  req.path().startsWith("/") ? req.path() : "/" + req.path();
                              int attempt =
                                  attempts
                                      .computeIfAbsent(path, p -> new AtomicInteger())
                                      .incrementAndGet();
                              if (!body.isEmpty()) {
                                bodies.add(body);
                              }
                              String[] parts = path.split("/");
                              int status = 200;
                              boolean softFailure = false;
                              if (parts.length == 4 && attempt <= Integer.parseInt(parts[3])) {
                                switch (parts[2]) {
                                  case "soft" -> softFailure = true;
                                  case "hard" -> status = 503;
                                  case "conflict" -> status = 409;
                                  case "broken" -> status = 500;
                                  default -> {}
                                }
                              }
                              res.status(status).header("x-attempt", Integer.toString(attempt));
                              if (softFailure) {
                                res.header("x-req-failed", "true");
                              }
                              return res.sendString(Mono.just("attempt " + attempt)).then();
                            }))
            .bindNow();

    int port() {
      return server.port();
    }

    int attempts(String path) {
      AtomicInteger n = attempts.get(path);
      return n == null ? 0 : n.get();
    }

    int total() {
      return attempts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    List<String> bodies() {
      return List.copyOf(bodies);
    }

    void reset() {
      attempts.clear();
      bodies.clear();
    }

    @Override
    public void close() {
      server.disposeNow();
    }
  }
}
