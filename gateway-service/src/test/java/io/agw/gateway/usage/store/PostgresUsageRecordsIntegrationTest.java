package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Usage records in a real PostgreSQL server, with the default {@code llm: metadata}: usage but
 * never content.
 */
class PostgresUsageRecordsIntegrationTest extends UsageRecordsIntegrationTestBase {

  static PostgresServer postgres;

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    postgres = new PostgresServer().start();
    register(registry, postgres.url(), "metadata");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void withLlmMetadataNoContentIsStored() {
    JsonNode record = contentCall("what is the meaning of life");

    assertThat(record.path("prompt").isNull()).isTrue();
    assertThat(record.path("completion").isNull()).isTrue();
    assertThat(record.path("team").asString()).isEqualTo("gamma");
    assertThat(record.path("inputTokens").isMissingNode()).isTrue();
    assertThat(record.path("tokens").path("input").asLong()).isPositive();
  }
}
