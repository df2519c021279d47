package io.agw.gateway.usage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.PostgresServer;
import io.agw.gateway.usage.store.SpendQuery.Dimension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The usage store on both real databases, SQLite and PostgreSQL: records go through the writer,
 * spend queries answer every grouping (day and hour buckets across a daylight-saving change), a
 * restart keeps the rows, retention deletes only old ones, and a PostgreSQL that stops or is not
 * there at startup loses records (counted) without ever blocking the caller.
 */
class UsageStoreDatabaseTest {

  static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new PostgresServer().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final MeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private String url(Dialect dialect) throws Exception {
    if (dialect == Dialect.POSTGRESQL) {
      return postgres.url();
    }
    return Files.createTempDirectory("agw-usage-db").resolve("usage.db").toString();
  }

  private UsageStore open(String url) {
    UsageStore store = new UsageStore(() -> new DatabaseSettings(url, 4));
    opened.add(store);
    store.start();
    return store;
  }

  private UsageDatabase openAndClear(String url) {
    UsageStore store = open(url);
    await().atMost(Duration.ofSeconds(60)).until(() -> store.database().isPresent());
    UsageDatabase db = store.database().get();
    db.jdbc().update("DELETE FROM usage_payloads");
    db.jdbc().update("DELETE FROM usage_records");
    return db;
  }

  private UsageRecorder recorder(UsageStore store) {
    UsageRecorder recorder =
        new UsageRecorder(
            store,
            new UsageRecorder.Settings(
                10_000, 50, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(10)),
            meters,
            () -> false);
    recorder.start();
    opened.add(recorder::stop);
    return recorder;
  }

  private double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  static UsageRecord record(
      String time,
      String key,
      String team,
      String user,
      String model,
      String provider,
      String route,
      long input,
      long output,
      Double cost) {
    return new UsageRecord(
        UUID.randomUUID().toString(),
        Instant.parse(time),
        key,
        user,
        team,
        route,
        provider,
        model,
        model,
        false,
        new UsageRecord.Tokens(input, output, input / 5, 0L, output / 10, input + output),
        cost,
        cost == null ? null : "provider",
        120.5,
        null,
        200,
        null,
        "passed",
        null,
        null,
        null);
  }

  /** Three calls around Paris's switch to summer time (2026-03-29T01:00Z, UTC+1 to UTC+2). */
  static final List<UsageRecord> KNOWN =
      List.of(
          record(
              "2026-03-28T23:30:00Z", "k1", "red", "u1", "gpt-4o", "openai", "chat", 100, 10, 0.5),
          record(
              "2026-03-29T01:30:00Z",
              "k2",
              "blue",
              "u2",
              "claude-sonnet-4-5",
              "anthropic",
              "messages",
              200,
              20,
              1.25),
          record(
              "2026-03-29T01:45:00Z", "k1", "red", "u1", "gpt-4o", "openai", "chat", 50, 5, null));

  private static SpendQuery query(String zone, Map<Dimension, String> filters, Dimension... by) {
    return new SpendQuery(
        List.of(by),
        Instant.parse("2026-03-28T00:00:00Z"),
        Instant.parse("2026-03-30T00:00:00Z"),
        filters,
        ZoneId.of(zone));
  }

  private static Map<String, Long> requestsBy(List<SpendRow> rows, Dimension d) {
    return rows.stream()
        .collect(
            Collectors.toMap(
                r -> r.group().get(d.apiName()),
                SpendRow::requests,
                Long::sum,
                LinkedHashMap::new));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void spendQueriesGroupRecordsWrittenByTheWriter(Dialect dialect) throws Exception {
    String url = url(dialect);
    openAndClear(url);
    UsageStore store = open(url);
    UsageRecorder recorder = recorder(store);
    KNOWN.forEach(recorder::offer);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> counter("agw.usage.records.written") == KNOWN.size());
    SpendQueries queries = new SpendQueries(store.database().orElseThrow());

    Map<Dimension, Map<String, Long>> expected =
        Map.of(
            Dimension.KEY, Map.of("k1", 2L, "k2", 1L),
            Dimension.TEAM, Map.of("red", 2L, "blue", 1L),
            Dimension.USER, Map.of("u1", 2L, "u2", 1L),
            Dimension.MODEL, Map.of("gpt-4o", 2L, "claude-sonnet-4-5", 1L),
            Dimension.PROVIDER, Map.of("openai", 2L, "anthropic", 1L),
            Dimension.ROUTE, Map.of("chat", 2L, "messages", 1L));
    expected.forEach(
        (d, requests) ->
            assertThat(requestsBy(queries.run(query("UTC", Map.of(), d)), d))
                .as("%s", d)
                .isEqualTo(requests));

    List<SpendRow> byKey = queries.run(query("UTC", Map.of(), Dimension.KEY));
    SpendRow k1 = byKey.stream().filter(r -> r.group().get("key").equals("k1")).findFirst().get();
    assertThat(k1.inputTokens()).isEqualTo(150);
    assertThat(k1.outputTokens()).isEqualTo(15);
    assertThat(k1.cachedInputTokens()).isEqualTo(30);
    assertThat(k1.reasoningTokens()).isEqualTo(1);
    assertThat(k1.totalTokens()).isEqualTo(165);
    // The second k1 call was unpriced: the cost sums the priced call only.
    assertThat(k1.costUsd()).isEqualTo(0.5);

    assertThat(requestsBy(queries.run(query("UTC", Map.of(), Dimension.DAY)), Dimension.DAY))
        .containsExactly(Map.entry("2026-03-28", 1L), Map.entry("2026-03-29", 2L));
    assertThat(
            requestsBy(queries.run(query("Europe/Paris", Map.of(), Dimension.DAY)), Dimension.DAY))
        .containsExactly(Map.entry("2026-03-29", 3L));
    assertThat(requestsBy(queries.run(query("UTC", Map.of(), Dimension.HOUR)), Dimension.HOUR))
        .containsExactly(Map.entry("2026-03-28T23:00", 1L), Map.entry("2026-03-29T01:00", 2L));
    // 00:30 local in winter time, then 03:30 and 03:45 local in summer time.
    assertThat(
            requestsBy(
                queries.run(query("Europe/Paris", Map.of(), Dimension.HOUR)), Dimension.HOUR))
        .containsExactly(Map.entry("2026-03-29T00:00", 1L), Map.entry("2026-03-29T03:00", 2L));

    List<SpendRow> blueByDay =
        queries.run(query("UTC", Map.of(Dimension.TEAM, "blue"), Dimension.TEAM, Dimension.DAY));
    assertThat(blueByDay).hasSize(1);
    assertThat(blueByDay.get(0).group())
        .containsExactly(Map.entry("team", "blue"), Map.entry("day", "2026-03-29"));
    assertThat(blueByDay.get(0).costUsd()).isEqualTo(1.25);

    List<SpendRow> totals = queries.run(query("UTC", Map.of()));
    assertThat(totals).singleElement().extracting(SpendRow::requests).isEqualTo(3L);
    assertThat(totals.get(0).costUsd()).isEqualTo(1.75);
    assertThat(totals.get(0).inputTokens()).isEqualTo(350);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReopenedStoreKeepsItsRowsAndRetentionDeletesOnlyOldOnes(Dialect dialect) throws Exception {
    String url = url(dialect);
    openAndClear(url);
    UsageStore first = open(url);
    UsageRecorder recorder = recorder(first);
    Instant now = Instant.now();
    recorder.offer(
        record(
            now.minus(Duration.ofDays(100)).toString(),
            "old",
            "t",
            "u",
            "m",
            "p",
            "r",
            1,
            1,
            null));
    recorder.offer(
        record(
            now.minus(Duration.ofDays(1)).toString(), "new", "t", "u", "m", "p", "r", 1, 1, null));
    await().atMost(Duration.ofSeconds(60)).until(() -> counter("agw.usage.records.written") == 2);
    recorder.stop();
    first.close();

    UsageStore reopened = open(url);
    await().atMost(Duration.ofSeconds(60)).until(() -> reopened.database().isPresent());
    UsageDatabase db = reopened.database().get();
    assertThat(UsageRecordTable.recent(db.jdbc(), 10, null, null))
        .extracting(UsageRecord::key)
        .containsExactly("new", "old");

    UsageRetention retention =
        new UsageRetention(
            reopened, Duration.ofDays(90), Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    assertThat(retention.purge()).isEqualTo(1);
    assertThat(UsageRecordTable.recent(db.jdbc(), 10, null, null))
        .extracting(UsageRecord::key)
        .containsExactly("new");
  }

  @Test
  void recordsOfAStoppedPostgresAreCountedAsDroppedAndWritingResumesWhenItIsBack()
      throws Exception {
    openAndClear(postgres.url());
    UsageStore store = open(postgres.url());
    await().atMost(Duration.ofSeconds(60)).until(() -> store.database().isPresent());
    UsageRecorder recorder = recorder(store);
    for (int i = 0; i < 100; i++) {
      recorder.offer(record("2026-12-07T10:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> counter("agw.usage.records.written") == 100);

    postgres.stop();
    try {
      for (int i = 0; i < 100; i++) {
        recorder.offer(record("2026-12-07T11:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> counter("agw.usage.records.dropped", "reason", "database") == 100);
      assertThat(store.state()).isEqualTo(UsageStore.State.DOWN);
    } finally {
      postgres.start();
    }

    for (int i = 0; i < 50; i++) {
      recorder.offer(record("2026-12-07T12:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> counter("agw.usage.records.written") == 150);
    assertThat(store.state()).isEqualTo(UsageStore.State.UP);
    assertThat(counter("agw.usage.records.dropped", "reason", "database")).isEqualTo(100);
  }

  @Test
  void aPostgresDownAtStartupIsRetriedUntilItIsUp() throws Exception {
    postgres.stop();
    UsageStore store;
    try {
      store = open(postgres.url());
      UsageRecorder recorder = recorder(store);
      await().atMost(Duration.ofSeconds(60)).until(() -> store.state() == UsageStore.State.DOWN);
      assertThat(store.database()).isEmpty();
      assertThat(store.problem()).isNotBlank();
      recorder.offer(record("2026-12-07T10:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> counter("agw.usage.records.dropped", "reason", "database") == 1);
    } finally {
      postgres.start();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> store.database().isPresent());
    assertThat(store.state()).isEqualTo(UsageStore.State.UP);
  }

  @Test
  void aGracefulStopWritesWhatIsQueued() throws Exception {
    UsageStore store = open(url(Dialect.SQLITE));
    await().atMost(Duration.ofSeconds(60)).until(() -> store.database().isPresent());
    // Batches that would wait a minute to fill: only the stop writes them.
    UsageRecorder recorder =
        new UsageRecorder(
            store,
            new UsageRecorder.Settings(
                10_000, 500, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(60)),
            meters,
            () -> false);
    recorder.start();
    for (int i = 0; i < 20; i++) {
      recorder.offer(record("2026-12-07T10:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
    }
    recorder.stop();

    assertThat(counter("agw.usage.records.written")).isEqualTo(20);
    assertThat(UsageRecordTable.recent(store.database().get().jdbc(), 100, null, null)).hasSize(20);
  }

  @Test
  void aFullQueueDropsRecordsWithoutBlocking() throws Exception {
    UsageStore store = open(url(Dialect.SQLITE));
    UsageRecorder recorder =
        new UsageRecorder(
            store,
            new UsageRecorder.Settings(
                2, 1, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1)),
            meters,
            () -> false);
    // Not started: nothing takes from the queue.
    for (int i = 0; i < 5; i++) {
      recorder.offer(record("2026-12-07T10:00:00Z", "k", "t", "u", "m", "p", "r", 1, 1, null));
    }
    assertThat(recorder.queued()).isEqualTo(2);
    assertThat(counter("agw.usage.records.dropped", "reason", "queue_full")).isEqualTo(3);
  }
}
