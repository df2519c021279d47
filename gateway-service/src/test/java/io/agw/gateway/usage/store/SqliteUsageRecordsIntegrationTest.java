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
}
