package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import io.agw.gateway.support.TestUpstream.Received;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue 17's traffic policies in front of real loopback servers: {@code requestMirror} (a copy
 * reaches the mirror while the client gets the primary's answer, whether the mirror is up, down or
 * silent), {@code delay} (fixed, by CEL over the request, and counted against the request timeout)
 * and {@code directResponse} (CEL body and headers, the conditional form).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrafficPoliciesIntegrationTest {

  static final TestUpstream PRIMARY = TestUpstream.start("primary");
  static final TestUpstream MIRROR = TestUpstream.start("mirror");
  static final SilentServer SILENT = new SilentServer();
  static final int MAIN_PORT = FreePorts.next();
  static final int DEAD_PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws IOException {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/traffic-policies.yaml",
            Map.of(
                "MAIN_PORT", Integer.toString(MAIN_PORT),
                "PRIMARY", PRIMARY.hostPort(),
                "MIRROR", MIRROR.hostPort(),
                "DEAD", "127.0.0.1:" + DEAD_PORT,
                "SILENT", "127.0.0.1:" + SILENT.port()));
    Path file = Files.createTempDirectory("agw-traffic").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    PRIMARY.close();
    MIRROR.close();
    SILENT.close();
  }

  final WebTestClient main =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + MAIN_PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void reset() {
    PRIMARY.reset();
    MIRROR.reset();
  }

  @Test
  void theMirrorGetsACopyWithoutTheBodyAndTheClientGetsThePrimarysAnswer() {
    main.post()
        .uri("/mirror/all/orders?id=7")
        .header("x-test", "copy")
        .bodyValue("{\"order\":7}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "primary");

    assertThat(PRIMARY.received())
        .singleElement()
        .extracting(Received::body)
        .isEqualTo("{\"order\":7}");
    await().atMost(Duration.ofSeconds(20)).until(() -> MIRROR.received().size() == 1);
    Received copy = MIRROR.received().get(0);
    assertThat(copy.method()).isEqualTo("POST");
    assertThat(copy.uri()).isEqualTo("/mirror/all/orders?id=7");
    assertThat(copy.headers())
        .containsEntry("x-test", "copy")
        // the copy leaves after the route's own policies
        .containsEntry("x-route", "mirror-all");
    // agentgateway mirrors the request's head only
    assertThat(copy.body()).isEmpty();
  }

  @Test
  void aPercentageMirrorsSomeRequestsButNotAll() {
    int requests = 40;
    for (int i = 0; i < requests; i++) {
      main.get().uri("/mirror/half/" + i).exchange().expectStatus().isOk();
    }
    assertThat(PRIMARY.received()).hasSize(requests);
    await()
        .atMost(Duration.ofSeconds(30))
        .during(Duration.ofSeconds(1))
        .until(() -> MIRROR.received().size(), n -> n > 0);
    // Each request is mirrored with probability 1/2: none or all of 40 would happen once in 2^39.
    assertThat(MIRROR.received().size()).isBetween(1, requests - 1);
  }

  @Test
  void aMirrorThatIsDownOrNeverAnswersChangesNothingForTheClient() {
    main.get()
        .uri("/mirror/down/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "primary");
    main.get()
        .uri("/mirror/silent/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "primary");
    await().atMost(Duration.ofSeconds(20)).until(() -> SILENT.accepted() > 0);
  }

  @Test
  void aFixedDelayHoldsTheRequestAtLeastThatLong() {
    long start = System.nanoTime();
    main.get().uri("/latency/fixed/x").exchange().expectStatus().isOk();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(PRIMARY.received()).hasSize(1);
  }

  @Test
  void aCelDelayHoldsOnlyTheRequestsItSelects() {
    // The chaos request is sent first and held for 4 s; the plain one overtakes it.
    var chaos =
        Mono.fromRunnable(
                () ->
                    main.get()
                        .uri("/latency/header/chaos")
                        .header("x-chaos", "1")
                        .exchange()
                        .expectStatus()
                        .isOk())
            .subscribeOn(Schedulers.boundedElastic())
            .toFuture();
    await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(200)).until(() -> true);
    main.get().uri("/latency/header/plain").exchange().expectStatus().isOk();
    chaos.join();
    assertThat(PRIMARY.received())
        .extracting(Received::uri)
        .containsExactly("/latency/header/plain", "/latency/header/chaos");
  }

  @Test
  void aDelayCountsAgainstTheRequestTimeout() {
    main.get().uri("/latency/timeout/x").exchange().expectStatus().isEqualTo(504);
    assertThat(PRIMARY.received()).isEmpty();
  }

  @Test
  void aDirectResponseComputesItsBodyAndHeadersByCel() {
    main.post()
        .uri("/direct/expression/x")
        .exchange()
        .expectStatus()
        .isEqualTo(202)
        .expectHeader()
        .valueEquals("x-method", "POST")
        // a header whose expression fails is left out
        .expectHeader()
        .doesNotExist("x-missing")
        .expectBody(String.class)
        .isEqualTo("hello /direct/expression/x");
    assertThat(PRIMARY.received()).isEmpty();
  }

  @Test
  void aConditionalDirectResponseAnswersOnlyWhenItsConditionHolds() {
    main.get()
        .uri("/direct/conditional/x")
        .header("x-fault", "1")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody(String.class)
        .isEqualTo("injected fault");
    assertThat(PRIMARY.received()).isEmpty();
    main.get()
        .uri("/direct/conditional/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "primary");
    assertThat(PRIMARY.received()).hasSize(1);
  }

  @Test
  void aBufferedResponseOverItsLimitIsRefusedUnlessFailOpen() {
    main.get()
        .uri("/buffer/small/x")
        .exchange()
        .expectStatus()
        .isEqualTo(502)
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("buffer.response.maxBytes"));
    main.get()
        .uri("/buffer/open/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("\"uri\":\"/buffer/open/x\""));
    main.get()
        .uri("/buffer/large/x")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-upstream", "primary")
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("\"uri\":\"/buffer/large/x\""));
  }

  @Test
  void aTransformationReplacesAllHeadersAndSetsMetadataThatLaterExpressionsRead() {
    main.get()
        .uri("/transform/replace/x")
        .header("x-caller", "alice")
        .header("x-drop-me", "1")
        .exchange()
        .expectStatus()
        .isOk();
    assertThat(PRIMARY.received())
        .singleElement()
        .extracting(Received::headers)
        .satisfies(
            headers ->
                assertThat(headers)
                    .containsEntry("x-only", "kept")
                    .containsEntry("x-caller-seen", "alice")
                    .containsEntry("x-multi", "a,b")
                    .containsEntry("x-from-metadata", "alice!")
                    .doesNotContainKeys("x-caller", "x-drop-me"));
  }

  /** A loopback server that accepts connections and never answers. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentServer() {
      try {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread accept =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    held.add(socket.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-server");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    @Override
    public void close() {
      try {
        socket.close();
        for (Socket s : held) {
          s.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
