package io.agw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.ratelimit.BucketStore.Op;
import io.agw.gateway.ratelimit.RateLimitFilter.Applied;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * What a limit counted in tokens charges for one call: the usage the provider reported (its total,
 * else input plus output), minus an estimate already taken up front, once; an estimate that was too
 * high is refunded.
 */
class TokenChargesTest {

  private static final BucketSpec SPEC = new BucketSpec(1_000, 1_000, 3_600_000);

  private final LocalBucketStore store = new LocalBucketStore(() -> 0L);
  private final Applied applied =
      new Applied(new Limit(null, "route", List.of(), SPEC, true, store, false), "bucket");

  private TokenCharges charges() {
    return TokenCharges.attach(
        MockServerWebExchange.from(MockServerHttpRequest.get("/")), List.of(applied));
  }

  private long remaining() {
    return store.decide("bucket", SPEC, 0, Op.CHECK).remaining();
  }

  private static TokenUsage usage(Long in, Long out, Long total) {
    return new TokenUsage(in, out, total, null, null, null, null, null);
  }

  @Test
  void usageIsTheReportedTotalElseInputPlusOutput() {
    assertThat(TokenCharges.used(usage(10L, 5L, 20L))).isEqualTo(20);
    assertThat(TokenCharges.used(usage(10L, 5L, null))).isEqualTo(15);
    assertThat(TokenCharges.used(usage(10L, null, null))).isEqualTo(10);
    assertThat(TokenCharges.used(TokenUsage.NONE)).isZero();
    assertThat(TokenCharges.used(null)).isZero();
  }

  @Test
  void theUsageIsChargedOnce() {
    TokenCharges charges = charges();
    charges.settle(300);
    charges.settle(300);
    assertThat(remaining()).isEqualTo(700);
  }

  @Test
  void anEstimateTakenUpFrontIsDeducted() {
    store.decide("bucket", SPEC, 120, Op.TAKE); // what TokenEstimateFilter takes
    TokenCharges charges = charges();
    charges.prepaid(120);
    charges.settle(300);
    assertThat(remaining()).isEqualTo(700);
  }

  @Test
  void anEstimateLargerThanTheUsageIsRefunded() {
    store.decide("bucket", SPEC, 500, Op.TAKE);
    TokenCharges charges = charges();
    charges.prepaid(500);
    charges.settle(200);
    assertThat(remaining()).isEqualTo(800);
  }
}
