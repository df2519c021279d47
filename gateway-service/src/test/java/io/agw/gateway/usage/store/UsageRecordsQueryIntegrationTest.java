package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage API's views for the UI, on a real SQLite store filled with known records: {@code
 * /usage/records?sort=latency} lists slowest first and {@code failed=true} keeps only failed calls,
 * each paginated by its cursor without a row skipped or repeated; {@code /usage?groupBy=minute}
 * counts per minute.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.admin.token=test-admin-token"})
class UsageRecordsQueryIntegrationTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant BASE = Instant.parse("2026-12-01T10:00:00Z");

  @DynamicPropertySource
  static void config(DynamicPropertyRegistry registry) throws Exception {
    String db = Files.createTempDirectory("agw-usage-query").resolve("usage.db").toString();
    registry.add("agw.database.url", () -> "sqlite:" + db);
    GatewayConfigFile.register(registry, GatewayConfigFile.helloRoute(FreePorts.next()));
  }

  @LocalServerPort int adminPort;
  @Autowired UsageStore store;

  /** Latencies of 7 records, two in each minute; the ones of 500 ms or more failed. */
  static final double[] LATENCIES = {120, 900, 45, 610, 300, 75, 1500};

  final List<UsageRecord> inserted = new ArrayList<>();

  @BeforeEach
  void fill() {
    await().atMost(Duration.ofSeconds(60)).until(() -> store.database().isPresent());
    var jdbc = store.database().get().jdbc();
    jdbc.update("DELETE FROM usage_payloads");
    jdbc.update("DELETE FROM usage_records");
    for (int i = 0; i < LATENCIES.length; i++) {
      boolean failed = LATENCIES[i] >= 500;
      inserted.add(
          new UsageRecord(
              UUID.randomUUID().toString(),
              BASE.plusSeconds(30L * i),
              "k",
              null,
              null,
              "chat",
              "openai",
              "gpt-4o",
              "gpt-4o",
              false,
              new UsageRecord.Tokens(10L, 5L, null, null, null, 15L),
              0.01,
              "provider",
              LATENCIES[i],
              null,
              failed && i != 3 ? 502 : 200,
              failed && i == 3 ? "upstream reset" : null,
              null,
              null,
              null,
              null));
    }
    UsageRecordTable.insert(jdbc, inserted);
  }

  JsonNode admin(String pathAndQuery) {
    String body =
        WebClient.create("http://127.0.0.1:" + adminPort)
            .get()
            .uri(pathAndQuery)
            .header("Authorization", "Bearer test-admin-token")
            .exchangeToMono(r -> r.bodyToMono(String.class))
            .block(Duration.ofSeconds(30));
    return JSON.readTree(body);
  }

  /** Every id of the listing, page by page of {@code size}, following {@code next}. */
  List<String> allPages(String query, int size) {
    List<String> ids = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      JsonNode page =
          admin(
              "/api/v1/usage/records?limit="
                  + size
                  + query
                  + (next == null ? "" : "&before=" + next));
      assertThat(page.path("records").size()).isLessThanOrEqualTo(size);
      page.path("records").forEach(r -> ids.add(r.path("id").asString()));
      next = page.path("next").isNull() ? null : page.path("next").asString();
      pages++;
    } while (next != null && pages < 20);
    return ids;
  }

  List<String> idsBy(java.util.Comparator<UsageRecord> order, boolean failedOnly) {
    return inserted.stream()
        .filter(r -> !failedOnly || r.status() >= 400 || r.error() != null)
        .sorted(order)
        .map(UsageRecord::id)
        .toList();
  }

  @Test
  void theSlowestCallsComeFirstAcrossPages() {
    List<String> expected =
        idsBy(java.util.Comparator.comparingDouble(UsageRecord::latencyMs).reversed(), false);
    assertThat(allPages("&sort=latency", 3)).containsExactlyElementsOf(expected);
    assertThat(allPages("&sort=latency", 2)).containsExactlyElementsOf(expected);
    JsonNode first = admin("/api/v1/usage/records?sort=latency&limit=1");
    assertThat(first.path("records").get(0).path("latencyMs").asDouble()).isEqualTo(1500);
  }

  @Test
  void onlyFailedCallsAreListedInBothOrders() {
    List<String> newest = idsBy(java.util.Comparator.comparing(UsageRecord::time).reversed(), true);
    assertThat(newest).hasSize(3);
    assertThat(allPages("&failed=true", 1)).containsExactlyElementsOf(newest);
    assertThat(allPages("&failed=true&sort=time", 3)).containsExactlyElementsOf(newest);
    List<String> slowest =
        idsBy(java.util.Comparator.comparingDouble(UsageRecord::latencyMs).reversed(), true);
    assertThat(allPages("&failed=true&sort=latency", 3)).containsExactlyElementsOf(slowest);
  }

  @Test
  void aBadSortOrCursorIs400() {
    assertThat(admin("/api/v1/usage/records?sort=cost").path("error").path("message").asString())
        .contains("'sort'");
    assertThat(
            admin("/api/v1/usage/records?sort=latency&before=abc_x")
                .path("error")
                .path("message")
                .asString())
        .contains("'before'");
  }

  @Test
  void usageIsCountedPerMinute() {
    JsonNode answer =
        admin("/api/v1/usage?groupBy=minute&from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z");
    List<String> minutes = new ArrayList<>();
    List<Long> requests = new ArrayList<>();
    answer
        .path("rows")
        .forEach(
            row -> {
              minutes.add(row.path("group").path("minute").asString());
              requests.add(row.path("requests").asLong());
            });
    assertThat(minutes)
        .containsExactly(
            "2026-12-01T10:00", "2026-12-01T10:01", "2026-12-01T10:02", "2026-12-01T10:03");
    assertThat(requests).containsExactly(2L, 2L, 2L, 1L);
    JsonNode paris =
        admin(
            "/api/v1/usage?groupBy=minute&timeZone=Europe/Paris"
                + "&from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z");
    assertThat(paris.path("rows").get(0).path("group").path("minute").asString())
        .isEqualTo("2026-12-01T11:00");
  }
}
