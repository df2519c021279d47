package io.agw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.ratelimit.BucketStore.Op;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Token-bucket arithmetic of the in-process store on a clock the test moves: a new bucket is full
 * (the burst), refills add whole fills only and never past the maximum, refusals say how long to
 * wait, and limits counted in tokens allow while above zero and charge usage into debt.
 */
class LocalBucketStoreTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LocalBucketStore store = new LocalBucketStore(now::get);

  /** 3 tokens at most, 1 more every second. */
  private static final BucketSpec THREE_PER_SECOND = new BucketSpec(3, 1, 1_000);

  private Decision take(String key, BucketSpec spec, long cost) {
    return store.decide(key, spec, cost, Op.TAKE);
  }

  @Test
  void aNewBucketAllowsABurstOfMaxTokensThenRefusesWithTheWaitForOneFill() {
    for (int remaining = 2; remaining >= 0; remaining--) {
      Decision d = take("k", THREE_PER_SECOND, 1);
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(remaining);
    }
    Decision refused = take("k", THREE_PER_SECOND, 1);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.waitMillis()).isEqualTo(1_000);
    now.addAndGet(400);
    assertThat(take("k", THREE_PER_SECOND, 1).waitMillis()).isEqualTo(600);
  }

  @Test
  void refillsAddWholeFillsAndKeepThePartialInterval() {
    for (int i = 0; i < 3; i++) {
      take("k", THREE_PER_SECOND, 1);
    }
    now.addAndGet(1_500);
    assertThat(take("k", THREE_PER_SECOND, 1).allowed()).isTrue(); // one fill
    assertThat(take("k", THREE_PER_SECOND, 1).allowed()).isFalse();
    now.addAndGet(500); // two seconds since empty: the second fill, not a new 1 s wait
    Decision d = take("k", THREE_PER_SECOND, 1);
    assertThat(d.allowed()).isTrue();
    assertThat(d.remaining()).isZero();
  }

  @Test
  void aLongIdleBucketIsFullButNotFuller() {
    take("k", THREE_PER_SECOND, 3);
    now.addAndGet(3_600_000);
    Decision d = take("k", THREE_PER_SECOND, 1);
    assertThat(d.remaining()).isEqualTo(2);
    assertThat(take("k", THREE_PER_SECOND, 3).allowed()).isFalse();
  }

  @Test
  void severalTokensPerFill() {
    BucketSpec spec = new BucketSpec(10, 4, 60_000);
    take("k", spec, 10);
    now.addAndGet(120_000);
    Decision d = take("k", spec, 1);
    assertThat(d.remaining()).isEqualTo(7); // 8 added, 1 taken
  }

  @Test
  void aCostlierTakeIsRefusedWholeAndWaitsForEnoughFills() {
    take("k", THREE_PER_SECOND, 2); // 1 left
    Decision refused = take("k", THREE_PER_SECOND, 3);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isEqualTo(1); // nothing taken
    assertThat(refused.waitMillis()).isEqualTo(2_000); // two fills to reach 3
  }

  @Test
  void tokenLimitsAllowWhileAboveZeroAndChargeUsageIntoDebt() {
    BucketSpec spec = new BucketSpec(100, 50, 1_000);
    assertThat(store.decide("t", spec, 1, Op.CHECK).allowed()).isTrue();
    Decision charged = store.decide("t", spec, 130, Op.CHARGE); // usage after the response
    assertThat(charged.allowed()).isTrue();
    assertThat(charged.remaining()).isEqualTo(-30);
    Decision refused = store.decide("t", spec, 1, Op.CHECK);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.waitMillis()).isEqualTo(1_000); // 31 needed: one fill of 50
    now.addAndGet(1_000);
    Decision again = store.decide("t", spec, 1, Op.CHECK);
    assertThat(again.allowed()).isTrue();
    assertThat(again.remaining()).isEqualTo(20); // a check takes nothing
    // A refund (a negative charge, when the estimate was too high) never passes the maximum.
    assertThat(store.decide("t", spec, -30, Op.CHARGE).remaining()).isEqualTo(50);
    assertThat(store.decide("t", spec, -500, Op.CHARGE).remaining()).isEqualTo(100);
  }

  @Test
  void keysAndShapesHaveTheirOwnBuckets() {
    take("alice", THREE_PER_SECOND, 3);
    assertThat(take("alice", THREE_PER_SECOND, 1).allowed()).isFalse();
    assertThat(take("bob", THREE_PER_SECOND, 1).allowed()).isTrue();
    // A changed limit (another shape) starts a new, full bucket.
    assertThat(take("alice", new BucketSpec(5, 1, 1_000), 5).allowed()).isTrue();
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
    assertThat(RateLimitFilter.seconds(0)).isZero();
    assertThat(RateLimitFilter.seconds(1)).isEqualTo(1);
    assertThat(RateLimitFilter.seconds(1_000)).isEqualTo(1);
    assertThat(RateLimitFilter.seconds(1_001)).isEqualTo(2);
    assertThat(RateLimitFilter.retryAfterSeconds(0)).isEqualTo(1);
    assertThat(RateLimitFilter.retryAfterSeconds(2_500)).isEqualTo(3);
  }
}
