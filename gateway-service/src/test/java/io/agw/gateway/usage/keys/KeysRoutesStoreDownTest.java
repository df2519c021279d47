package io.agw.gateway.usage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The key endpoints while the usage store is gone (a real SQLite store, closed): 503 {@code
 * store_unavailable} with a message saying what is missing, never a 500 or a hang.
 */
class KeysRoutesStoreDownTest {

  @Test
  void everyKeyCallAnswers503WhileTheStoreIsUnavailable() throws Exception {
    String url = "sqlite:" + Files.createTempDirectory("agw-keys-down").resolve("agw.db");
    UsageDatabase database = UsageDatabase.open(new DatabaseSettings(url, 1));
    VirtualKeyRepository repository = new VirtualKeyRepository(() -> database);
    VirtualKeyCache cache =
        new VirtualKeyCache(
            repository, Clock.systemUTC(), Duration.ofMillis(250), Duration.ofMinutes(1));
    WebTestClient client =
        WebTestClient.bindToRouterFunction(
                new KeysRoutes(repository, cache, Clock.systemUTC()).routes())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    client
        .post()
        .uri("/api/v1/keys")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"before\"}")
        .exchange()
        .expectStatus()
        .isCreated();

    database.close();

    client
        .post()
        .uri("/api/v1/keys")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"after\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("store_unavailable")
        .jsonPath("$.error.message")
        .value(m -> assertThat((String) m).contains("usage store"));
    client.get().uri("/api/v1/keys").exchange().expectStatus().isEqualTo(503);
    client.delete().uri("/api/v1/keys/vk_any").exchange().expectStatus().isEqualTo(503);
  }
}
