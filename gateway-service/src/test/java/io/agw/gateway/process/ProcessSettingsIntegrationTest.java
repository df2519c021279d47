package io.agw.gateway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.support.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The process settings of the {@code config} block, in a gateway started as {@code main} starts it
 * ({@code --config FILE}): the admin, stats and readiness addresses answer, the worker thread count
 * is the number of event loop threads, and the upstream connection defaults ({@code backend}) are
 * what the upstreams see.
 */
class ProcessSettingsIntegrationTest {

  /** The client ports of the upstream's requests: one per connection the gateway opened. */
  static final Set<Integer> CONNECTIONS = ConcurrentHashMap.newKeySet();

  /** Notes each request's connection; answers after a pause so that concurrent requests overlap. */
  static DisposableServer upstream;

  /** Accepts one connection into its backlog and no more: later connects hang (blackholed). */
  static ServerSocket blackhole;

  static final List<Socket> backlogFillers = new ArrayList<>();
  static ConfigurableApplicationContext gateway;
  static int traffic;
  static int admin;
  static int stats;
  static int readiness;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    upstream =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    Mono.fromRunnable(() -> CONNECTIONS.add(req.remoteAddress().getPort()))
                        .then(req.receive().then())
                        .then(Mono.delay(Duration.ofMillis(500)))
                        .then(res.sendString(Mono.just("ok")).then()))
            .bindNow();
    blackhole = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    // Connections fill its backlog until one is left hanging: from then on a connect hangs too.
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      backlogFillers.add(filler);
      try {
        filler.connect(new InetSocketAddress("127.0.0.1", blackhole.getLocalPort()), 1000);
      } catch (java.net.SocketTimeoutException full) {
        break;
      }
    }
    traffic = FreePorts.next();
    admin = FreePorts.next();
    stats = FreePorts.next();
    readiness = FreePorts.next();
    String yaml =
        """
        config:
          adminAddr: localhost:%d
          statsAddr: 127.0.0.1:%d
          readinessAddr: 127.0.0.1:%d
          workerThreads: 2
          histograms: classic
          backend:
            connectTimeout: 1s
            poolMaxSize: 1
            keepalives:
              time: 77s
        binds:
        - port: %d
          listeners:
          - routes:
            - name: slow
              matches:
              - path: {pathPrefix: /slow}
              backends:
              - host: 127.0.0.1:%d
            - name: blackhole
              matches:
              - path: {pathPrefix: /blackhole}
              policies:
                timeout: {requestTimeout: 20s}
              backends:
              - host: 127.0.0.1:%d
        """
            .formatted(admin, stats, readiness, traffic, upstream.port(), blackhole.getLocalPort());
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    gateway =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run("--agw.config.file=" + file, "--agw.bind-address=127.0.0.1");
  }

  @AfterAll
  static void stop() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    upstream.disposeNow();
    for (Socket filler : backlogFillers) {
      filler.close();
    }
    blackhole.close();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theAdminPortListensOnAdminAddr() throws Exception {
    HttpResponse<String> health = get(admin, "/actuator/health/liveness");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
  }

  @Test
  void theStatsAddressServesPrometheusMetrics() throws Exception {
    get(traffic, "/slow/counted");
    HttpResponse<String> metrics = get(stats, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("# TYPE agw_requests").contains("jvm_threads_live_threads");
  }

  @Test
  void theReadinessAddressAnswersReady() throws Exception {
    HttpResponse<String> ready = get(readiness, "/healthz/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void workerThreadsIsTheNumberOfEventLoopThreads() throws Exception {
    // Each new connection goes to the next loop: eight connections wake every loop there is.
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + traffic + "/slow/" + i))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      assertThat(call.get().statusCode()).isEqualTo(200);
    }
    long workers =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            // Worker threads, not the acceptor: agw-worker-epoll-N (or -nio-N without epoll).
            .filter(n -> n.startsWith(WorkerLoops.PREFIX + "-") && !n.contains("select"))
            .count();
    assertThat(workers).isEqualTo(2);
  }

  @Test
  void poolMaxSizeKeepsOneConnectionPerUpstream() throws Exception {
    CONNECTIONS.clear();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + traffic + "/slow/p" + i))
                      .timeout(Duration.ofSeconds(60))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      assertThat(call.get().statusCode()).isEqualTo(200);
    }
    // Without poolMaxSize the three overlapping requests would open three connections.
    assertThat(CONNECTIONS).hasSize(1);
  }

  @Test
  void upstreamConnectionsSendKeepaliveProbesAtTheConfiguredTime() throws Exception {
    assertThat(get(traffic, "/slow/keepalive").statusCode()).isEqualTo(200);
    // The pooled connection stays open; its keepalive timer is the socket's, as ss shows it.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Process ss =
                  new ProcessBuilder("ss", "-tno", "dst", "127.0.0.1:" + upstream.port())
                      .redirectErrorStream(true)
                      .start();
              String out = new String(ss.getInputStream().readAllBytes());
              ss.waitFor();
              // Counting down from 77s (the system default is 2 hours).
              assertThat(out).containsPattern("timer:\\(keepalive,(\\d+sec|1min([0-9]|1[0-7])sec)");
            });
  }

  @Test
  void aBlackholedUpstreamFailsAtTheConnectTimeoutBeforeTheRouteTimeout() throws Exception {
    // Without config.backend.connectTimeout the route's 20s timeout would answer first (504).
    HttpResponse<String> answer = get(traffic, "/blackhole/x");
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("backend_unavailable");
  }
}
