package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code config.localXdsPath}: the {@code --config} file holds only its {@code config} block and
 * names {@code resources.yaml} (relative to its folder), whose routes the gateway serves; an edit
 * of that file is applied like an edit of the {@code --config} file, and a broken edit is refused
 * and reported while the last good routes keep serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LocalXdsPathIntegrationTest {

  static final int PORT = FreePorts.next();
  static Path resources;

  static String routes(String answer) {
    return """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: answer
                    policies:
                      directResponse: {status: 200, body: %s}
        """
        .formatted(PORT, answer);
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("agw-local-xds");
    resources = dir.resolve("resources.yaml");
    Files.writeString(resources, routes("first"));
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "config:\n  localXdsPath: resources.yaml\n");
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @Autowired WebTestClient admin;

  @BeforeEach
  void slowMachineTimeouts() {
    admin = admin.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  final WebClient client = WebClient.create("http://127.0.0.1:" + PORT);

  String answer() {
    return client.get().uri("/").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
  }

  static void write(String content) throws Exception {
    Path tmp = resources.resolveSibling("resources.yaml.tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, resources, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void servesTheNamedFileReloadsItsEditsAndKeepsTheLastGoodRoutesOnABrokenOne() throws Exception {
    assertThat(answer()).isEqualTo("first");

    write(routes("second"));
    await().atMost(Duration.ofSeconds(60)).until(() -> answer().equals("second"));

    write(routes("third").replace("directResponse:", "directRespons:"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                admin
                    .get()
                    .uri("/actuator/configdump")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastError.problems[0]")
                    .value(p -> assertThat(p.toString()).contains("directRespons")));
    assertThat(answer()).isEqualTo("second");

    write(routes("fourth"));
    await().atMost(Duration.ofSeconds(60)).until(() -> answer().equals("fourth"));
  }
}
