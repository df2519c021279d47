package io.agw.gateway.backend.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A plain (non-LLM) backend with {@code backendAuth}: when the backend rejects the gateway's key
 * and echoes it back, as many APIs do ("invalid key: ..."), in its error body and in a {@code
 * www-authenticate} header, the client sees neither the key nor its bearer header. Header values
 * that are not credentials (a {@code requestHeaderModifier}) are left as the backend sent them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendAuthRedactionIntegrationTest {

  static final String KEY = "plain-backend-secret-0123456789";
  static final String TENANT = "tenant-acme-0123456789";
  static final AtomicReference<String> RECEIVED = new AtomicReference<>();
  static final DisposableServer UP = echoingUpstream();
  static final int PORT = FreePorts.next();

  /** Answers 401 to every request, with what it received in a header and in the body. */
  static DisposableServer echoingUpstream() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) -> {
              String auth = String.valueOf(req.requestHeaders().get("authorization"));
              String tenant = String.valueOf(req.requestHeaders().get("x-tenant"));
              RECEIVED.set(auth);
              return res.status(401)
                  .header("content-type", "application/json")
                  .header(
                      "www-authenticate", "Bearer error=\"invalid_token\", got=\"" + auth + "\"")
                  .sendString(
                      Mono.just(
                          "{\"error\":\"Incorrect API key provided: "
                              + auth.replace("Bearer ", "")
                              + " (tenant "
                              + tenant
                              + ")\"}"))
                  .then();
            })
        .bindNow();
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                BackendAuthRedactionIntegrationTest.class
                    .getResourceAsStream("/backend/backend-auth-redaction.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", "127.0.0.1:" + UP.port());
    Path file = Files.createTempDirectory("agw-backend-auth").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    UP.disposeNow();
  }

  private static EntityExchangeResult<byte[]> get(String path) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .get()
        .uri(path)
        .header("authorization", "Bearer client-token-abcdefghij")
        .exchange()
        .expectStatus()
        .isEqualTo(401)
        .expectBody()
        .returnResult();
  }

  private static String seen(EntityExchangeResult<byte[]> result) {
    return result.getResponseHeaders()
        + "\n"
        + new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
  }

  @Test
  void theBackendsKeyEchoedInItsErrorNeverReachesTheClient() {
    String seen = seen(get("/keyed/v1/things"));

    assertThat(RECEIVED.get()).isEqualTo("Bearer " + KEY);
    assertThat(seen).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
    assertThat(seen).contains(SecretRedactor.REDACTED).contains("Incorrect API key provided");
  }

  @Test
  void headerValuesThatAreNotCredentialsAreLeftAlone() {
    String seen = seen(get("/tenant/v1/things"));

    assertThat(seen).contains(TENANT).contains("client-token-abcdefghij");
    assertThat(seen).doesNotContain(SecretRedactor.REDACTED);
  }
}
