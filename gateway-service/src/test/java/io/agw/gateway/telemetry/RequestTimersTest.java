package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestTimersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RequestTimers timers = new RequestTimers(registry);

  @Test
  void recordsIntoTheRegistrysTimerWithAllTags() {
    timers.timer("l", "r", "b", "GET", 200).record(3, TimeUnit.MILLISECONDS);
    timers.timer("l", "r", "b", "GET", 200).record(5, TimeUnit.MILLISECONDS);

    Timer timer =
        registry
            .get("agw.requests")
            .tags("listener", "l", "route", "r", "backend", "b", "method", "GET", "status", "200")
            .timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
    assertThat(registry.getMeters()).hasSize(1);
  }

  @Test
  void everyTagValueMakesItsOwnTimer() {
    timers.timer("l", "r", "b", "GET", 200).record(1, TimeUnit.MILLISECONDS);
    timers.timer("l", "r", "b", "GET", 503).record(1, TimeUnit.MILLISECONDS);
    timers.timer("l", "r", "b", "POST", 200).record(1, TimeUnit.MILLISECONDS);
    timers.timer("l", "r2", "b", "GET", 200).record(1, TimeUnit.MILLISECONDS);
    timers.timer("l", "r", "b2", "GET", 200).record(1, TimeUnit.MILLISECONDS);
    timers.timer("l2", "r", "b", "GET", 200).record(1, TimeUnit.MILLISECONDS);

    assertThat(registry.find("agw.requests").timers()).hasSize(6);
    assertThat(registry.get("agw.requests").tag("status", "503").timer().count()).isEqualTo(1);
  }

  @Test
  void handsOutTheRegistrysOwnTimer() {
    // The cache hands out the registry's meter; it is the same object the builder returns.
    Timer cached = timers.timer("l", "r", "b", "GET", 200);
    Timer registered =
        Timer.builder("agw.requests")
            .tags("listener", "l", "route", "r", "backend", "b", "method", "GET", "status", "200")
            .register(registry);
    assertThat(cached).isSameAs(registered);
  }
}
