package io.agw.gateway.security.extauthz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * {@link DecisionCache} with real compiled CEL and a clock the test moves: keys by value and type,
 * expiry, the refresh near the end of the TTL, the bound, and which decisions are kept.
 */
class DecisionCacheTest {

  static final CelEnvironment CEL = new CelEnvironment();
  static final Decision ALLOW = Decision.Allow.empty();

  /** A clock the test sets. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-08T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();

  DecisionCache cache(String ttl, int max, boolean http, String... key) {
    return new DecisionCache(
        List.of(key).stream().map(CEL::compile).toList(),
        CEL.compile(ttl),
        max,
        http,
        false,
        clock);
  }

  static CelContext request(String user) {
    MockServerHttpRequest.BaseBuilder<?> r = MockServerHttpRequest.get("/x");
    if (user != null) {
      r.header("x-user", user);
    }
    return CelContext.request(MockServerWebExchange.from(r), null);
  }

  List<Object> keyOf(DecisionCache cache, String user) {
    return cache.key(request(user)).orElseThrow();
  }

  @Test
  void aDecisionExpiresAtItsTtl() {
    DecisionCache cache = cache("duration(\"60s\")", 0, false, "request.headers[\"x-user\"]");
    List<Object> key = keyOf(cache, "alice");
    cache.store(key, ALLOW, request("alice"));
    assertThat(cache.lookup(keyOf(cache, "alice"))).contains(ALLOW);
    assertThat(cache.lookup(keyOf(cache, "bob"))).isEmpty();

    clock.now = clock.now.plusSeconds(60);
    assertThat(cache.lookup(key)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void nearTheEndOfTheTtlOneRequestChecksAgainWhileTheOthersKeepTheEntry() {
    DecisionCache cache = cache("duration(\"100s\")", 0, false, "request.headers[\"x-user\"]");
    List<Object> key = keyOf(cache, "alice");
    cache.store(key, ALLOW, request("alice"));
    // The window is a tenth of the TTL, at most 5 seconds: 96 s in, 4 s remain.
    clock.now = clock.now.plusSeconds(94);
    assertThat(cache.lookup(key)).contains(ALLOW);
    clock.now = clock.now.plusSeconds(2);
    assertThat(cache.lookup(key)).isEmpty();
    assertThat(cache.lookup(key)).contains(ALLOW);
    // The fresh answer replaces the entry with a new TTL.
    cache.store(key, ALLOW, request("alice"));
    clock.now = clock.now.plusSeconds(90);
    assertThat(cache.lookup(key)).contains(ALLOW);
  }

  @Test
  void theTtlMayBeATimestampOrSecondsSinceTheEpoch() {
    DecisionCache at =
        cache("timestamp(\"2026-12-08T00:10:00Z\")", 0, false, "request.headers[\"x-user\"]");
    List<Object> key = keyOf(at, "alice");
    at.store(key, ALLOW, request("alice"));
    // Outside the refresh window (the last 5 seconds), then at the expiry.
    clock.now = clock.now.plusSeconds(594);
    assertThat(at.lookup(key)).contains(ALLOW);
    clock.now = clock.now.plusSeconds(6);
    assertThat(at.lookup(key)).isEmpty();

    long epoch = clock.now.getEpochSecond() + 30;
    DecisionCache seconds = cache(epoch + " - 5", 0, false, "request.headers[\"x-user\"]");
    seconds.store(key, ALLOW, request("alice"));
    clock.now = clock.now.plusSeconds(22);
    assertThat(seconds.lookup(key)).contains(ALLOW);
    clock.now = clock.now.plusSeconds(3);
    assertThat(seconds.lookup(key)).isEmpty();
  }

  @Test
  void theTtlSeesTheDecisionsMetadata() {
    DecisionCache cache =
        cache("duration(string(extauthz.ttl) + \"s\")", 0, false, "request.headers[\"x-user\"]");
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/x").header("x-user", "alice"));
    exchange.getAttributes().put(CelContext.EXTAUTHZ_ATTRIBUTE, Map.of("ttl", 20L));
    List<Object> key = cache.key(CelContext.request(exchange, null)).orElseThrow();
    cache.store(key, ALLOW, CelContext.request(exchange, null));
    clock.now = clock.now.plusSeconds(17);
    assertThat(cache.lookup(key)).contains(ALLOW);
    clock.now = clock.now.plusSeconds(3);
    assertThat(cache.lookup(key)).isEmpty();
  }

  @Test
  void keysCompareByTypeAndValueAndOnlyScalarsMakeAKey() {
    DecisionCache cache = cache("duration(\"1h\")", 0, false, "1", "\"a\"", "true", "null");
    assertThat(cache.key(request(null))).isPresent();
    assertThat(cache("duration(\"1h\")", 0, false, "1").key(request(null)))
        .isNotEqualTo(cache("duration(\"1h\")", 0, false, "1u").key(request(null)));
    assertThat(cache("duration(\"1h\")", 0, false, "{\"a\": 1}").key(request(null))).isEmpty();
    assertThat(cache("duration(\"1h\")", 0, false).key(request(null))).isEmpty();
    assertThat(
            cache("duration(\"1h\")", 0, false, "request.headers[\"x-user\"]").key(request(null)))
        .isEmpty();
  }

  @Test
  void theLeastRecentlyUsedDecisionIsDroppedPastMaxEntries() {
    DecisionCache cache = cache("duration(\"1h\")", 2, false, "request.headers[\"x-user\"]");
    for (String user : List.of("a", "b")) {
      cache.store(keyOf(cache, user), ALLOW, request(user));
    }
    assertThat(cache.lookup(keyOf(cache, "a"))).isPresent();
    cache.store(keyOf(cache, "c"), ALLOW, request("c"));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.lookup(keyOf(cache, "b"))).isEmpty();
    assertThat(cache.lookup(keyOf(cache, "a"))).isPresent();
    assertThat(cache.lookup(keyOf(cache, "c"))).isPresent();
  }

  @Test
  void overHttpOnly401And403RefusalsAreKeptAndFailuresNeverAre() {
    DecisionCache http = cache("duration(\"1h\")", 0, true, "1");
    DecisionCache grpc = cache("duration(\"1h\")", 0, false, "1");
    Decision forbidden = new Decision.Deny(403, new HttpHeaders(), new byte[0], Map.of());
    Decision teapot = new Decision.Deny(418, new HttpHeaders(), new byte[0], Map.of());
    Decision bare = new Decision.DenyWithoutResponse(Map.of());
    Decision down = new Decision.Unavailable("down");
    assertThat(http.cacheable(forbidden)).isTrue();
    assertThat(http.cacheable(teapot)).isFalse();
    assertThat(http.cacheable(bare)).isFalse();
    assertThat(grpc.cacheable(teapot)).isTrue();
    assertThat(grpc.cacheable(bare)).isTrue();
    assertThat(grpc.cacheable(down)).isFalse();
    grpc.store(grpc.key(request(null)).orElseThrow(), down, request(null));
    assertThat(grpc.size()).isZero();
  }

  @Test
  void aTtlThatFailsOrIsOverKeepsNothing() {
    for (String ttl : List.of("duration(\"0s\")", "request.headers[\"missing\"]", "\"soon\"")) {
      DecisionCache cache = cache(ttl, 0, false, "1");
      cache.store(cache.key(request(null)).orElseThrow(), ALLOW, request(null));
      assertThat(cache.size()).as(ttl).isZero();
    }
  }
}
