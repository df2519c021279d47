package io.agw.gateway.tokenexchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** How long exchanged tokens are kept, and that concurrent misses share one call. */
class TokenCacheTest {

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovingClock clock = new MovingClock();
  final AtomicInteger calls = new AtomicInteger();

  Supplier<Mono<TokenResponse.Issued>> issuing(Long expiresIn) {
    return () ->
        Mono.fromSupplier(
            () -> new TokenResponse.Issued("token-" + calls.incrementAndGet(), expiresIn));
  }

  @Test
  void aTokenIsServedUntilFifteenSecondsBeforeItsExpiresIn() {
    TokenCache cache = new TokenCache(10, Duration.ofSeconds(300), clock);

    assertThat(cache.get("k", null, issuing(60L)).block()).isEqualTo("token-1");
    clock.now = clock.now.plusSeconds(44);
    assertThat(cache.get("k", null, issuing(60L)).block()).isEqualTo("token-1");
    clock.now = clock.now.plusSeconds(1);
    assertThat(cache.get("k", null, issuing(60L)).block()).isEqualTo("token-2");
  }

  @Test
  void withoutExpiresInTheDefaultLifetimeAppliesAndTheSubjectsExpiryBoundsIt() {
    TokenCache cache = new TokenCache(10, Duration.ofSeconds(100), clock);

    cache.get("default", null, issuing(null)).block();
    cache.get("bounded", clock.now.plusSeconds(30), issuing(3600L)).block();
    clock.now = clock.now.plusSeconds(20);

    assertThat(cache.get("default", null, issuing(null)).block()).isEqualTo("token-1");
    assertThat(cache.get("bounded", null, issuing(3600L)).block()).isEqualTo("token-3");
  }

  @Test
  void aTokenTooCloseToExpiryIsNotCached() {
    TokenCache cache = new TokenCache(10, Duration.ofSeconds(300), clock);

    cache.get("k", null, issuing(10L)).block();
    cache.get("k", null, issuing(10L)).block();

    assertThat(calls).hasValue(2);
  }

  @Test
  void concurrentMissesShareOneCallAndAFailureIsNotCached() {
    TokenCache cache = new TokenCache(10, Duration.ofSeconds(300), clock);
    Sinks.One<TokenResponse.Issued> answer = Sinks.one();
    AtomicInteger fetches = new AtomicInteger();
    Supplier<Mono<TokenResponse.Issued>> pending =
        () -> answer.asMono().doOnSubscribe(s -> fetches.incrementAndGet());

    Mono<String> a = cache.get("k", null, pending);
    Mono<String> b = cache.get("k", null, pending);
    var first = a.toFuture();
    var second = b.toFuture();
    answer.tryEmitError(TokenExchangeFailure.failed("down"));

    assertThat(fetches).hasValue(1);
    assertThatThrownBy(first::join).hasCauseInstanceOf(TokenExchangeFailure.class);
    assertThatThrownBy(second::join).hasCauseInstanceOf(TokenExchangeFailure.class);
    assertThat(cache.get("k", null, issuing(60L)).block()).isEqualTo("token-1");
  }

  @Test
  void theLeastRecentlyUsedTokenIsDroppedBeyondMaxEntries() {
    TokenCache cache = new TokenCache(2, Duration.ofSeconds(300), clock);

    cache.get("a", null, issuing(600L)).block();
    cache.get("b", null, issuing(600L)).block();
    cache.get("a", null, issuing(600L)).block();
    cache.get("c", null, issuing(600L)).block();

    assertThat(cache.get("a", null, issuing(600L)).block()).isEqualTo("token-1");
    assertThat(cache.get("b", null, issuing(600L)).block()).isEqualTo("token-4");
  }
}
