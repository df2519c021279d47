package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code config.customFunctions} on a real gateway ({@code cel/custom-functions.yaml}) in front of
 * a real upstream: an {@code authorization} rule that calls a function with varargs, which itself
 * calls one that reads the caller's {@code request}; a request transformation that calls a receiver
 * function; and the admin CEL playground, which calls them too.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token"})
class CustomFunctionsIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                CustomFunctionsIntegrationTest.class
                    .getResourceAsStream("/cel/custom-functions.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", UP.hostPort());
    file = Files.createTempDirectory("agw-cel-fn").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    UP.close();
  }

  static Path file;

  @LocalServerPort int adminPort;

  final WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void reset() {
    UP.reset();
  }

  private int get(String env, String team) {
    return client
        .get()
        .uri("/custom")
        .headers(
            h -> {
              h.set("x-env", env);
              h.set("x-team", team);
            })
        .exchange()
        .returnResult(byte[].class)
        .getStatus()
        .value();
  }

  @Test
  void anAuthorizationRuleCallsTheFunctions() {
    assertThat(get("internal", "green")).isEqualTo(200);
    assertThat(get("internal", "red")).isEqualTo(403);
    assertThat(get("external", "blue")).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void aTransformationCallsAReceiverFunction() {
    assertThat(get("internal", "blue")).isEqualTo(200);
    assertThat(UP.received())
        .singleElement()
        .satisfies(r -> assertThat(r.headers()).containsEntry("x-tag", "team-blue-true"));
  }

  @Test
  void thePlaygroundCallsThem() {
    String body =
        """
        {"expression": "'x'.tagged('a', 'b', 'c') + string(allowed('blue', 'blue'))",
         "context": {"request": {"headers": {"x-env": "internal"}}}}
        """;
    String answer =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .post()
            .uri("/api/v1/cel/evaluate")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Authorization", "Bearer test-admin-token")
            .bodyValue(body)
            .retrieve()
            .bodyToMono(String.class)
            .block(Duration.ofSeconds(30));
    assertThat(answer).contains("\"result\":\"axbctrue\"");
  }
}
