package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.RawHttpConnection;
import io.agw.gateway.support.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A traffic port with small client timeouts and a connection limit, driven by raw sockets: clients
 * that stop sending mid-head, mid-body, between requests or from the start are disconnected; a head
 * that is too large or too slow is answered in the gateway's JSON error; the connection beyond the
 * limit is closed, and accepted again once another closes; a response stream longer than every
 * timeout still completes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientConnectionLimitsIntegrationTest {

  static final TestUpstream ECHO = TestUpstream.start("echo");
  static final int EVENTS = 8;

  /** Sends an event every 500 ms: the stream lasts twice as long as any client timeout. */
  static final DisposableServer SLOW_SSE =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle(
              (req, res) ->
                  res.header("content-type", "text/event-stream")
                      .sendString(
                          Flux.interval(Duration.ofMillis(500))
                              .take(EVENTS)
                              .map(i -> "data: event-" + i + "\n\n")))
          .bindNow();

  static final int PORT = FreePorts.next();
  static final int MAX_CONNECTIONS = 3;

  /** How long a test waits for the gateway to close a connection: far above every timeout. */
  static final Duration BOUND = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        """
        binds:
        - port: %d
          listeners:
          - name: main
            protocol: HTTP
            routes:
            - name: sse
              matches:
              - path: {pathPrefix: /sse}
              backends:
              - host: 127.0.0.1:%d
            - name: echo
              backends:
              - host: %s
        """
            .formatted(PORT, SLOW_SSE.port(), ECHO.hostPort());
    Path file = Files.createTempDirectory("agw-conn").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.server.header-read-timeout", () -> "2s");
    registry.add("agw.server.body-read-timeout", () -> "2s");
    // Longer than the header timeout: reactor-netty's idle timeout also ends a head that does not
    // arrive in time (counting from the connection's opening, closing without an answer), and the
    // header timeout must be seen to answer 408 first.
    registry.add("agw.server.http1-idle-timeout", () -> "4s");
    registry.add("agw.server.max-connections", () -> Integer.toString(MAX_CONNECTIONS));
  }

  @AfterAll
  static void stopUpstreams() {
    ECHO.close();
    SLOW_SSE.disposeNow();
  }

  @Test
  void aHeadTrickledSlowerThanTheHeaderTimeoutGets408AndIsClosed() throws Exception {
    try (RawHttpConnection client = new RawHttpConnection(PORT, BOUND)) {
      client.send("GET /slow-head HTTP/1.1\r\nHost: gateway\r\n");
      // A header line every 300 ms: never silent long enough for the idle timeout.
      AtomicBoolean open = new AtomicBoolean(true);
      Thread trickle =
          new Thread(
              () -> {
                for (int i = 0; open.get() && i < 200; i++) {
                  if (!client.send("x-trickle-" + i + ": y\r\n")) {
                    return;
                  }
                  sleep(300);
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      String answer = client.readUntilClosed();
      open.set(false);
      trickle.join();
      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(answer).contains("\"type\":\"request_timeout\"").contains("\"status\":408");
    }
    assertThat(ECHO.received()).noneMatch(r -> r.uri().equals("/slow-head"));
  }

  @Test
  void aBodyThatStopsArrivingClosesTheConnection() throws Exception {
    try (RawHttpConnection client = new RawHttpConnection(PORT, BOUND)) {
      client.send(
          "POST /partial-body HTTP/1.1\r\nHost: gateway\r\nContent-Length: 100\r\n"
              + "Content-Type: text/plain\r\n\r\n"
              + "only ten b");
      client.readUntilClosed();
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosed() throws Exception {
    try (RawHttpConnection client = new RawHttpConnection(PORT, BOUND)) {
      client.send("GET /first HTTP/1.1\r\nHost: gateway\r\n\r\n");
      assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
      assertThat(client.readUntilClosed()).isEmpty();
    }
  }

  @Test
  void aSilentConnectionIsClosed() throws Exception {
    try (RawHttpConnection client = new RawHttpConnection(PORT, BOUND)) {
      assertThat(client.readUntilClosed()).isEmpty();
    }
  }

  @Test
  void headersTooLargeGet431InTheGatewaysJson() throws Exception {
    try (RawHttpConnection client = new RawHttpConnection(PORT, BOUND)) {
      client.send(
          "GET /big HTTP/1.1\r\nHost: gateway\r\nx-big: " + "a".repeat(20_000) + "\r\n\r\n");
      String answer = client.readUntilClosed();
      assertThat(answer).startsWith("HTTP/1.1 431");
      assertThat(answer)
          .contains("application/json")
          .contains("\"type\":\"request_header_fields_too_large\"")
          .contains("\"status\":431");
    }
  }

  @Test
  void theConnectionBeyondTheLimitIsClosedAndAcceptedAgainAfterOneCloses() throws Exception {
    List<RawHttpConnection> held = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        RawHttpConnection c = new RawHttpConnection(PORT, BOUND);
        // A slow answer keeps each connection busy, so no timeout closes it meanwhile.
        c.send("GET /delay/8000 HTTP/1.1\r\nHost: gateway\r\n\r\n");
        held.add(c);
      }
      try (RawHttpConnection beyond = new RawHttpConnection(PORT, BOUND)) {
        beyond.send("GET /beyond HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(beyond.readUntilClosed()).isEmpty();
      }
      held.remove(0).close();
      await()
          .atMost(BOUND)
          .untilAsserted(
              () -> {
                try (RawHttpConnection again = new RawHttpConnection(PORT, BOUND)) {
                  again.send("GET /again HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n");
                  assertThat(again.readUntilClosed()).startsWith("HTTP/1.1 200");
                }
              });
    } finally {
      for (RawHttpConnection c : held) {
        c.close();
      }
    }
  }

  @Test
  void aResponseStreamLongerThanEveryTimeoutCompletes() {
    WebTestClient client =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + PORT)
            .responseTimeout(BOUND)
            .build();
    String body =
        client
            .get()
            .uri("/sse")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).contains("event-0").contains("event-" + (EVENTS - 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
