package io.agw.gateway.usage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.agw.gateway.security.ApiKeyFilter;
import io.agw.gateway.support.PostgresServer;
import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The virtual key store and cache against real databases, SQLite and PostgreSQL (migration {@code
 * V2__virtual_keys} on both): what the cache accepts after creation, rotation (with and without a
 * grace period), revocation, expiry and a row deleted behind its back, and that a database that
 * goes away leaves the known keys working.
 */
class VirtualKeyCacheTest {

  static final PostgresServer POSTGRES = startPostgres();

  static PostgresServer startPostgres() {
    try {
      return new PostgresServer().start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    POSTGRES.close();
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-06-01T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static VirtualKey key(String id, String secret, Instant at) {
    return new VirtualKey(
        id,
        "key " + id,
        ApiKeyFilter.sha256(secret),
        KeySecrets.prefix(secret),
        null,
        null,
        "team-a",
        "alice",
        List.of("ci"),
        List.of("gpt-4o*"),
        10L,
        null,
        null,
        at,
        at,
        null);
  }

  static VirtualKey changed(
      VirtualKey k,
      String secret,
      String previousHash,
      Instant previousUntil,
      Instant expires,
      Instant revoked,
      Instant at) {
    return new VirtualKey(
        k.id(),
        k.name(),
        secret == null ? k.secretHash() : ApiKeyFilter.sha256(secret),
        secret == null ? k.secretPrefix() : KeySecrets.prefix(secret),
        previousHash,
        previousUntil,
        k.team(),
        k.user(),
        k.tags(),
        k.allowedModels(),
        k.requestsPerMinute(),
        k.tokensPerMinute(),
        expires,
        k.createdAt(),
        at,
        revoked);
  }

  static boolean accepted(VirtualKeyCache cache, String secret) {
    return cache.find(secret, ApiKeyFilter.sha256(secret)) != null;
  }

  void lifecycle(UsageDatabase database) {
    TestClock clock = new TestClock();
    VirtualKeyRepository repository = new VirtualKeyRepository(() -> database);
    VirtualKeyCache cache =
        new VirtualKeyCache(repository, clock, Duration.ofMillis(250), Duration.ofMinutes(1));
    String first = KeySecrets.newSecret();
    VirtualKey one = key(KeySecrets.newId(), first, clock.instant());
    repository.insert(one);
    cache.refresh();

    var identity = cache.find(first, ApiKeyFilter.sha256(first));
    assertThat(identity.id()).isEqualTo(one.id());
    assertThat(identity.key()).isEqualTo(first);
    assertThat(identity.metadata())
        .containsAllEntriesOf(
            Map.of("team", "team-a", "user", "alice", "tags", List.of("ci"), "name", one.name()));
    assertThat(identity.allowedModels()).containsExactly("gpt-4o*");
    assertThat(repository.find(one.id())).contains(one);

    // Another replica creates a key: seen at the next poll.
    clock.advance(Duration.ofSeconds(1));
    String second = KeySecrets.newSecret();
    VirtualKey two = key(KeySecrets.newId(), second, clock.instant());
    repository.insert(two);
    assertThat(accepted(cache, second)).isFalse();
    cache.refresh();
    assertThat(accepted(cache, second)).isTrue();

    // Rotation with a grace period: both secrets until it ends, then only the new one.
    clock.advance(Duration.ofSeconds(1));
    String rotated = KeySecrets.newSecret();
    repository.update(
        changed(
            one,
            rotated,
            one.secretHash(),
            clock.instant().plusSeconds(30),
            null,
            null,
            clock.instant()));
    cache.refresh();
    assertThat(accepted(cache, rotated)).isTrue();
    assertThat(accepted(cache, first)).isTrue();
    clock.advance(Duration.ofSeconds(31));
    assertThat(accepted(cache, first)).isFalse();
    assertThat(accepted(cache, rotated)).isTrue();

    // Expiry is checked on every use; revocation is seen at the next poll.
    VirtualKey current = repository.find(one.id()).orElseThrow();
    repository.update(
        changed(current, null, null, null, clock.instant().plusSeconds(5), null, clock.instant()));
    cache.refresh();
    assertThat(accepted(cache, rotated)).isTrue();
    clock.advance(Duration.ofSeconds(5));
    assertThat(accepted(cache, rotated)).isFalse();
    repository.update(changed(two, null, null, null, null, clock.instant(), clock.instant()));
    cache.refresh();
    assertThat(accepted(cache, second)).isFalse();
    assertThat(cache.byId(two.id())).isNull();
    assertThat(repository.list(null, null)).hasSize(2);
    assertThat(repository.list("team-a", "alice")).hasSize(2);
    assertThat(repository.list("team-b", null)).isEmpty();

    // A row removed behind the cache's back is dropped by the periodic full reload.
    String third = KeySecrets.newSecret();
    VirtualKey three = key(KeySecrets.newId(), third, clock.instant());
    repository.insert(three);
    cache.refresh();
    assertThat(accepted(cache, third)).isTrue();
    database.jdbc().update("DELETE FROM virtual_keys WHERE id = ?", three.id());
    clock.advance(Duration.ofSeconds(10));
    cache.refresh();
    assertThat(accepted(cache, third)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    cache.refresh();
    assertThat(accepted(cache, third)).isFalse();
  }

  @Test
  void sqliteKeepsKeysThroughTheirLifecycleAndWhenTheDatabaseIsGone() throws Exception {
    String url = "sqlite:" + Files.createTempDirectory("agw-keys-cache").resolve("agw.db");
    UsageDatabase database = UsageDatabase.open(new DatabaseSettings(url, 2));
    lifecycle(database);

    TestClock clock = new TestClock();
    VirtualKeyRepository repository = new VirtualKeyRepository(() -> database);
    VirtualKeyCache cache =
        new VirtualKeyCache(repository, clock, Duration.ofMillis(250), Duration.ofMinutes(1));
    String secret = KeySecrets.newSecret();
    repository.insert(key(KeySecrets.newId(), secret, clock.instant()));
    cache.refresh();
    database.close();
    clock.advance(Duration.ofMinutes(2));
    assertThatNoException().isThrownBy(cache::refresh);
    assertThat(accepted(cache, secret)).isTrue();
  }

  @Test
  void postgresqlKeepsKeysThroughTheirLifecycleAndAcrossAnOutage() throws Exception {
    UsageDatabase database = UsageDatabase.open(new DatabaseSettings(POSTGRES.url(), 2));
    try {
      lifecycle(database);

      TestClock clock = new TestClock();
      clock.advance(Duration.ofDays(1));
      VirtualKeyRepository repository = new VirtualKeyRepository(() -> database);
      VirtualKeyCache cache =
          new VirtualKeyCache(repository, clock, Duration.ofMillis(250), Duration.ofMinutes(1));
      String secret = KeySecrets.newSecret();
      VirtualKey key = key(KeySecrets.newId(), secret, clock.instant());
      repository.insert(key);
      cache.refresh();
      POSTGRES.stop();
      clock.advance(Duration.ofMinutes(2));
      assertThatNoException().isThrownBy(cache::refresh);
      assertThat(accepted(cache, secret)).isTrue();

      POSTGRES.start();
      clock.advance(Duration.ofSeconds(1));
      VirtualKey revoked = changed(key, null, null, null, null, clock.instant(), clock.instant());
      // The pool's connection from before the restart fails once and is replaced.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(() -> repository.update(revoked));
      cache.refresh();
      assertThat(accepted(cache, secret)).isFalse();
    } finally {
      database.close();
    }
  }
}
