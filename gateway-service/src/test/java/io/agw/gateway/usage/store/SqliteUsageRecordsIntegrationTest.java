package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Usage records in an embedded SQLite file named by the file's {@code config.logging.database}
 * (which wins over {@code agw.database.url}), with {@code llm: full}: content is stored too.
 */
class SqliteUsageRecordsIntegrationTest extends UsageRecordsIntegrationTestBase {

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    String db = Files.createTempDirectory("agw-usage").resolve("usage.db").toString();
    register(registry, db, "full");
  }

  @Test
  void withLlmFullThePromptAndTheCompletionAreStored() {
    JsonNode record = contentCall("what is the meaning of life");

    assertThat(record.path("prompt").asString()).contains("what is the meaning of life");
    assertThat(record.path("completion").asString()).contains("forty-two is the answer");
    assertThat(record.path("team").asString()).isEqualTo("gamma");
    // Never the client's key or the provider's credentials.
    assertThat(record.toString()).doesNotContain("sk-usage-content", "sk-gateway-openai-secret");
  }

  @Test
  void badQueryParametersAreRefusedWith400NamingThem() {
    for (String[] bad :
        new String[][] {
          {"/api/v1/usage?groupBy=team,color", "groupBy"},
          {"/api/v1/usage?from=yesterday", "from"},
          {"/api/v1/usage?timeZone=Mars/Olympus", "timeZone"},
          {"/api/v1/usage?from=2026-12-08&to=2026-12-07", "from"},
          {"/api/v1/usage/records?limit=0", "limit"}
        }) {
      String body =
          org.springframework.web.reactive.function.client.WebClient.create(
                  "http://127.0.0.1:" + adminPort)
              .get()
              .uri(bad[0])
              .header("Authorization", "Bearer test-admin-token")
              .exchangeToMono(
                  r -> {
                    assertThat(r.statusCode().value()).as(bad[0]).isEqualTo(400);
                    return r.bodyToMono(String.class);
                  })
              .block(java.time.Duration.ofSeconds(30));
      JsonNode error = JSON.readTree(body).path("error");
      assertThat(error.path("type").asString()).isEqualTo("invalid_request");
      assertThat(error.path("message").asString()).as(bad[0]).contains("'" + bad[1] + "'");
    }
  }
}
