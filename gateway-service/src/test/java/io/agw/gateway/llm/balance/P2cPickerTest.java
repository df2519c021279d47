package io.agw.gateway.llm.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class P2cPickerTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);

  record Target(String name, Endpoint endpoint, int weight) implements Balanced {}

  private Target target(String name, int weight) {
    return new Target(name, new Endpoint(name, clock::get), weight);
  }

  private Map<String, Integer> picks(List<Target> targets, int times, long seed) {
    Random random = new Random(seed);
    Map<String, Integer> counts = new HashMap<>();
    for (Target t : targets) {
      counts.put(t.name(), 0);
    }
    for (int i = 0; i < times; i++) {
      counts.merge(P2cPicker.pick(targets, random).name(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void aSlowEndpointIsPickedOnlyWhenDrawnWithAnotherSlowOne() {
    Target fast1 = target("fast1", 1);
    Target fast2 = target("fast2", 1);
    Target slow = target("slow", 1);
    fast1.endpoint().observe(20 * MS);
    fast2.endpoint().observe(25 * MS);
    slow.endpoint().observe(900 * MS);

    Map<String, Integer> counts = picks(List.of(fast1, fast2, slow), 3000, 42);

    assertThat(counts.get("slow")).isZero();
    // fast1 wins against both others; fast2 only against the slow one.
    assertThat(counts.get("fast1")).isGreaterThan(counts.get("fast2"));
    assertThat(counts.get("fast1") + counts.get("fast2")).isEqualTo(3000);
  }

  @Test
  void requestsInFlightMakeAFastEndpointLookBusy() {
    Target fast = target("fast", 1);
    Target slower = target("slower", 1);
    fast.endpoint().observe(10 * MS);
    slower.endpoint().observe(30 * MS);
    assertThat(P2cPicker.pick(List.of(fast, slower), new Random(1)).name()).isEqualTo("fast");

    for (int i = 0; i < 5; i++) {
      fast.endpoint().started(); // 10 ms x 6 > 30 ms x 1
    }

    assertThat(P2cPicker.pick(List.of(fast, slower), new Random(1)).name()).isEqualTo("slower");
    for (int i = 0; i < 5; i++) {
      fast.endpoint().finished();
    }
    assertThat(P2cPicker.pick(List.of(fast, slower), new Random(1)).name()).isEqualTo("fast");
  }

  @Test
  void anIdleSlowEndpointIsTriedAgainOnceItsEstimateHasDecayed() {
    Target fast = target("fast", 1);
    Target slow = target("slow", 1);
    slow.endpoint().observe(1000 * MS);
    clock.addAndGet(5 * MS);
    fast.endpoint().observe(50 * MS);
    assertThat(P2cPicker.pick(List.of(fast, slow), new Random(7)).name()).isEqualTo("fast");

    // 40 s (four decay constants) without a request: 1000 ms x e^-4 = 18 ms, while the fast one,
    // measured again just now, stands at 50 ms.
    clock.addAndGet(40_000 * MS);
    fast.endpoint().observe(50 * MS);

    assertThat(slow.endpoint().latencyNanos()).isLessThan(50 * MS);
    assertThat(P2cPicker.pick(List.of(fast, slow), new Random(7)).name()).isEqualTo("slow");
  }

  @Test
  void aSlowerAnswerRaisesTheEstimateAtOnceAFasterOneLowersItGradually() {
    Endpoint e = new Endpoint("e", clock::get);
    e.observe(100 * MS);
    e.observe(400 * MS);
    assertThat(e.latencyNanos()).isEqualTo(400.0 * MS);

    clock.addAndGet(1000 * MS);
    e.observe(100 * MS);

    // One decay step of 1 s out of 10 s: the estimate moves only part of the way down.
    assertThat(e.latencyNanos()).isBetween(100.0 * MS, 400.0 * MS);
    assertThat(e.latencyNanos()).isGreaterThan(300.0 * MS);
  }

  @Test
  void weightsShareTrafficBetweenEqualEndpoints() {
    Target heavy = target("heavy", 3);
    Target light = target("light", 1);

    Map<String, Integer> counts = picks(List.of(heavy, light), 4000, 2024);

    // Equal costs: the first draw wins, and it is "heavy" 3 times out of 4.
    assertThat(counts.get("heavy")).isBetween(2800, 3200);
    assertThat(counts.get("light")).isBetween(800, 1200);
  }

  @Test
  void unmeasuredEndpointsAreTriedBeforeMeasuredOnes() {
    Target measured = target("measured", 1);
    Target fresh = target("fresh", 1);
    measured.endpoint().observe(200 * MS);

    assertThat(P2cPicker.pick(List.of(measured, fresh), new Random(3)).name()).isEqualTo("fresh");
  }

  @Test
  void oneCandidateIsAlwaysPicked() {
    Target only = target("only", 1);
    only.endpoint().observe(5_000 * MS);

    assertThat(P2cPicker.pick(List.of(only), new Random(3))).isSameAs(only);
  }
}
