package io.agw.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * After a burst of concurrent requests, the connections the gateway opened to the upstream are
 * closed once they have been idle for {@code agw.backend.pool-idle-timeout}, as the upstream sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamPoolEvictionIntegrationTest {

  static final int BURST = 20;
  static final AtomicInteger OPEN = new AtomicInteger();
  static final AtomicInteger PEAK = new AtomicInteger();

  /** Counts the connections open on its side; answers after a pause so that a burst overlaps. */
  static final DisposableServer UPSTREAM =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .doOnConnection(
              connection -> {
                PEAK.accumulateAndGet(OPEN.incrementAndGet(), Math::max);
                connection.onDispose(OPEN::decrementAndGet);
              })
          .handle(
              (req, res) ->
                  req.receive()
                      .then(Mono.delay(Duration.ofMillis(300)))
                      .then(res.sendString(Mono.just("ok")).then()))
          .bindNow();

  static final int PORT = FreePorts.next();

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
            - name: all
              backends:
              - host: 127.0.0.1:%d
        """
            .formatted(PORT, UPSTREAM.port());
    Path file = Files.createTempDirectory("agw-pool").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.backend.pool-idle-timeout", () -> "1s");
    registry.add("agw.backend.pool-eviction-interval", () -> "200ms");
  }

  @AfterAll
  static void stopUpstream() {
    UPSTREAM.disposeNow();
  }

  @Test
  void idleUpstreamConnectionsAreClosedAfterABurst() {
    ConnectionProvider clientPool = ConnectionProvider.create("burst", BURST);
    try {
      HttpClient client = HttpClient.create(clientPool).baseUrl("http://127.0.0.1:" + PORT);
      List<String> answers =
          Flux.range(0, BURST)
              .flatMap(
                  i -> client.get().uri("/burst/" + i).responseContent().aggregate().asString(),
                  BURST)
              .collectList()
              .block(Duration.ofSeconds(60));
      assertThat(answers).hasSize(BURST).containsOnly("ok");
      assertThat(PEAK.get()).isGreaterThan(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> OPEN.get() == 0);
    } finally {
      clientPool.disposeLater().block(Duration.ofSeconds(10));
    }
  }
}
