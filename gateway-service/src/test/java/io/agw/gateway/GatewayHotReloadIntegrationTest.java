package io.agw.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Hot reload: a valid change to the watched file is applied (the file is polled every 200 ms; the
 * bounds below are generous so a loaded machine does not fail the test), requests in flight finish
 * on the state they started with, and an invalid change is refused whole while traffic continues on
 * the last good state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayHotReloadIntegrationTest {

  static final TestUpstream SLOW = TestUpstream.start("slow");
  static final int PORT = FreePorts.next();
  static final int NEW_PORT = FreePorts.next();
  static Path file;

  static String config(String answer, String extraBind) {
    return """
        binds:
        - port: %d
          listeners:
          - name: main
            routes:
            - name: slow
              matches:
              - path: {pathPrefix: /delay}
              backends:
              - host: %s
            - name: answer
              policies:
                directResponse:
                  status: 200
                  body: %s
        %s"""
        .formatted(PORT, SLOW.hostPort(), answer, extraBind);
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    file = Files.createTempDirectory("agw-reload").resolve("config.yaml");
    Files.writeString(file, config("v1", ""));
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    SLOW.close();
  }

  @Autowired WebTestClient admin;

  @org.junit.jupiter.api.BeforeEach
  void slowMachineTimeouts() {
    // The first Prometheus scrape or config dump can take seconds on a loaded 2-core CI machine.
    admin = admin.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  final WebClient client = WebClient.create("http://127.0.0.1:" + PORT);

  String answer() {
    return client.get().uri("/").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5));
  }

  static void write(String content) throws Exception {
    // Write then rename, as editors and Kubernetes do, so the watcher never sees half a file.
    Path tmp = file.resolveSibling("config.yaml.tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void appliesValidChangesRefusesInvalidOnesAndNeverDropsTraffic() throws Exception {
    assertThat(answer()).isEqualTo("v1");

    // Background traffic for the whole test: every request must succeed.
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> failures = new CopyOnWriteArrayList<>();
    Thread traffic =
        new Thread(
            () -> {
              while (running.get()) {
                client
                    .get()
                    .uri("/")
                    .exchangeToMono(
                        r ->
                            r.statusCode().is2xxSuccessful()
                                ? r.bodyToMono(String.class)
                                : Mono.just("status " + r.statusCode().value()))
                    .onErrorResume(e -> Mono.just("error " + e))
                    .filter(body -> !body.startsWith("v"))
                    .doOnNext(failures::add)
                    .block(Duration.ofSeconds(5));
              }
            });
    traffic.start();

    // A slow request started on v1 finishes even though v2 removes its route.
    var inFlight = client.get().uri("/delay/1500").retrieve().toBodilessEntity().toFuture();
    Thread.sleep(300);

    write(config("v2", "").replace("- name: slow", "- name: gone").replace("/delay", "/removed"));
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> answer().equals("v2"));
    assertThat(inFlight.get().getStatusCode().value()).isEqualTo(200);

    // An invalid file (unknown field) is refused whole; v2 keeps serving.
    write(config("v3", "").replace("directResponse:", "directRespons:"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                admin
                    .get()
                    .uri("/actuator/configdump")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastError.problems[0]")
                    .value(p -> assertThat(p.toString()).contains("directRespons")));
    assertThat(answer()).isEqualTo("v2");
    admin.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

    // A file that parses but cannot be served (a port taken by another process) is refused too.
    try (var blocker =
        new java.net.ServerSocket(NEW_PORT, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      write(
          config(
              "v4",
              """
          - port: %d
            listeners:
            - name: extra
              routes:
              - backends:
                - host: %s
          """
                  .formatted(NEW_PORT, SLOW.hostPort())));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  admin
                      .get()
                      .uri("/actuator/configdump")
                      .exchange()
                      .expectBody()
                      .jsonPath("$.lastError.problems[0]")
                      .value(p -> assertThat(p.toString()).contains("port " + NEW_PORT)));
      assertThat(answer()).isEqualTo("v2");
    }

    // Fixing the file applies again and clears the error.
    write(config("v5", ""));
    await().atMost(Duration.ofSeconds(5)).until(() -> answer().equals("v5"));
    admin
        .get()
        .uri("/actuator/configdump")
        .exchange()
        .expectBody()
        .jsonPath("$.lastError")
        .doesNotExist();

    running.set(false);
    traffic.join();
    assertThat(failures).isEmpty();
  }
}
