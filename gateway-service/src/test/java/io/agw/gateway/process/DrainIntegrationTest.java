package io.agw.gateway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The drain when the gateway stops ({@code config.connectionMinTerminationDeadline}, {@code
 * config.connectionTerminationDeadline}): during the minimum the port still answers, closing each
 * connection; then new connections are refused, an in-flight request finishes, and a stream that
 * would never end is cut at the deadline.
 */
class DrainIntegrationTest {

  @Test
  void stoppingDrainsInFlightRequestsAndCutsStreamsAtTheDeadline(@TempDir Path dir)
      throws Exception {
    CountDownLatch slowArrived = new CountDownLatch(1);
    CountDownLatch streamArrived = new CountDownLatch(1);
    DisposableServer upstream =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                r ->
                    r.get(
                            "/slow",
                            (req, res) -> {
                              slowArrived.countDown();
                              return res.sendString(
                                  Mono.delay(Duration.ofSeconds(3)).thenReturn("finished"));
                            })
                        .get("/fast", (req, res) -> res.sendString(Mono.just("fast")))
                        .get(
                            "/stream",
                            (req, res) -> {
                              streamArrived.countDown();
                              return res.sendString(
                                  Flux.interval(Duration.ofMillis(200)).map(i -> "tick\n"));
                            }))
            .bindNow();
    int port = FreePorts.next();
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        config:
          connectionMinTerminationDeadline: 2s
          connectionTerminationDeadline: 8s
        binds:
        - port: %d
          listeners:
          - routes:
            - backends:
              - host: 127.0.0.1:%d
        """
            .formatted(port, upstream.port()));
    ConfigurableApplicationContext gateway =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run("--agw.config.file=" + file, "--agw.bind-address=127.0.0.1", "--server.port=0");
    HttpClient http = HttpClient.newHttpClient();
    try {
      CompletableFuture<HttpResponse<String>> slow =
          http.sendAsync(request(port, "/slow"), HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> stream =
          http.sendAsync(request(port, "/stream"), HttpResponse.BodyHandlers.ofString());
      assertThat(slowArrived.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(streamArrived.await(60, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(gateway::close);

      // Within the minimum deadline: still answered, each answer closing its connection.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                HttpResponse<String> during =
                    HttpClient.newHttpClient()
                        .send(request(port, "/fast"), HttpResponse.BodyHandlers.ofString());
                assertThat(during.statusCode()).isEqualTo(200);
                assertThat(during.headers().firstValue("connection")).hasValue("close");
              });

      // After it: the port is closed.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThatThrownBy(
                          () -> {
                            try (Socket s = new Socket()) {
                              s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                            }
                          })
                      .isInstanceOf(ConnectException.class));

      // The in-flight request finished.
      HttpResponse<String> finished = slow.get(60, TimeUnit.SECONDS);
      assertThat(finished.statusCode()).isEqualTo(200);
      assertThat(finished.body()).isEqualTo("finished");

      // The endless stream was cut: it ends (with an error: its body never completed).
      assertThat(stream).failsWithin(Duration.ofSeconds(60));
      stopping.get(60, TimeUnit.SECONDS);
    } finally {
      gateway.close();
      upstream.disposeNow();
    }
  }

  private static HttpRequest request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(120))
        .build();
  }
}
