package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.it.RequestLoop.Probe;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hot reloads of the packaged gateway while clients send requests. The file is laid out as a
 * Kubernetes ConfigMap volume ({@code config.yaml -> ..data/config.yaml}, {@code ..data} a symlink
 * to a versioned directory) and is changed the three ways files change: rewritten in place
 * (truncated, then written, as {@code cat good > file} does), saved by rename (editors), and
 * swapped by symlink (the kubelet). No request may fail and the traffic port must never be closed.
 */
class ConfigReloadEndToEndTest {

  private static final Duration AWAIT = Duration.ofSeconds(15);

  private static JavaProcess gateway;
  private static HttpServer slow;
  private static ExecutorService slowThreads;
  private static Path dir;
  private static Path file;
  private static int port;
  private static int symlinkVersion;

  private final HttpClient http = HttpClient.newHttpClient();
  private int logBefore;

  @BeforeAll
  static void start() throws Exception {
    // An upstream that takes a while to answer, so that requests are in flight during reloads.
    slowThreads = Executors.newFixedThreadPool(16);
    slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    slow.setExecutor(slowThreads);
    slow.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "slow".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    slow.start();

    port = freePort();
    int admin = freePort();
    dir = Files.createTempDirectory("agw-reload-e2e");
    file = dir.resolve("config.yaml");
    swapSymlink(config("v0"));
    Files.createSymbolicLink(file, Path.of("..data", "config.yaml"));
    gateway =
        JavaProcess.start(
            Repository.gatewayJar(),
            "--config",
            file.toString(),
            "--server.port=" + admin,
            "--agw.bind-address=127.0.0.1",
            "--agw.access-log.enabled=false");
    // Generous: on a machine shared by several builds, the JVM can take minutes to start.
    gateway.awaitOk(
        "http://localhost:" + admin + "/actuator/health/readiness", Duration.ofSeconds(240));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (slow != null) {
      slow.stop(0);
      slowThreads.shutdownNow();
    }
  }

  @BeforeEach
  void startFromVersionZero() throws Exception {
    writeInPlace(config("v0"));
    awaitServing("v0");
    logBefore = gateway.log().length();
  }

  /** What the gateway logged since this test's starting version was served. */
  private String logSinceStart() throws Exception {
    return gateway.log().substring(logBefore);
  }

  /** A port, a route to the slow upstream, a route only this version has, and a default answer. */
  private static String config(String version) {
    return """
        binds:
        - port: %1$d
          listeners:
          - name: main
            routes:
            - name: slow
              matches:
              - path: {pathPrefix: /slow}
              backends:
              - host: 127.0.0.1:%2$d
            - name: only-%3$s
              matches:
              - path: {exact: /only-%3$s}
              policies:
                directResponse:
                  status: 200
                  body: %3$s only
            - name: answer
              policies:
                directResponse:
                  status: 200
                  body: %3$s
        """
        .formatted(port, slow.getAddress().getPort(), version);
  }

  @Test
  void aFileRewrittenInPlaceIsNeverActedOnHalfWritten() throws Exception {
    try (RequestLoop traffic = RequestLoop.start(3, 100_000, probes())) {
      // `: > file; sleep 0.5; cat good > file`: the empty file in between is not a new config.
      for (int i = 0; i < 3; i++) {
        Files.write(file, new byte[0]);
        Thread.sleep(500);
        writeInPlace(config("v1"));
        Thread.sleep(300);
      }
      // Fast in-place rewrites, each truncating the file then writing it.
      for (int i = 0; i < 40; i++) {
        writeInPlace(config(i % 2 == 0 ? "v2" : "v1"));
        Thread.sleep(10 + (i % 5) * 20L);
      }
      writeInPlace(config("v3"));
      awaitServing("v3");
      traffic.close();
      System.out.printf("torn writes: %d requests, none failed%n", traffic.sent());

      assertThat(traffic.failures()).isEmpty();
      assertThat(traffic.sent()).isPositive();
    }
    assertThat(logSinceStart())
        .doesNotContain("closing port")
        .contains("now configures nothing; applying it only if it stays so");
  }

  @Test
  void routeChangesUnderConcurrentLoadFailNoRequestAndKeepThePortBound() throws Exception {
    try (RequestLoop traffic = RequestLoop.start(4, 5_000, probes());
        KeptAliveConnection connection = new KeptAliveConnection(port)) {
      assertThat(connection.get("/")).isEqualTo("v0");
      for (int i = 1; i <= 9; i++) {
        String version = "r" + i;
        switch (i % 3) {
          case 0 -> writeInPlace(config(version));
          case 1 -> saveByRename(config(version));
          default -> swapSymlink(config(version));
        }
        awaitServing(version);
        HttpResponse<String> only = get("/only-" + version);
        assertThat(only.statusCode()).isEqualTo(200);
        assertThat(only.body()).isEqualTo(version + " only");
        // The previous version's route is gone: its path now falls through to the default answer.
        assertThat(get("/only-r" + (i - 1)).body()).isEqualTo(version);
      }
      // The connection opened before the first reload still carries requests after the last.
      assertThat(connection.get("/only-r9")).isEqualTo("r9 only");
      traffic.close();
      System.out.printf("route changes under load: %d requests, none failed%n", traffic.sent());

      assertThat(traffic.failures()).isEmpty();
      assertThat(traffic.sent()).isPositive();
    }
    assertThat(logSinceStart()).doesNotContain("closing port");
  }

  private static List<Probe> probes() {
    String base = "http://127.0.0.1:" + port;
    return List.of(
        new Probe(base + "/", r -> r.statusCode() == 200 && r.body().matches("[vr]\\d+")),
        new Probe(base + "/", r -> r.statusCode() == 200 && r.body().matches("[vr]\\d+")),
        new Probe(base + "/slow", r -> r.statusCode() == 200 && r.body().equals("slow")));
  }

  private void awaitServing(String version) {
    await()
        .atMost(AWAIT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> get("/").body().equals(version));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Truncates the file and writes it again, as a shell redirection does. */
  private static void writeInPlace(String content) throws Exception {
    Files.writeString(file, content);
  }

  /** Writes a sibling and renames it over the file, as editors save. */
  private static void saveByRename(String content) throws Exception {
    Path target = file.toRealPath();
    Path tmp = target.resolveSibling("config.yaml.swp");
    Files.writeString(tmp, content);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes a new versioned directory and points {@code ..data} at it, as the kubelet does. */
  private static void swapSymlink(String content) throws Exception {
    Path version = Files.createDirectory(dir.resolve("..v" + symlinkVersion++));
    Files.writeString(version.resolve("config.yaml"), content);
    Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), version.getFileName());
    Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
