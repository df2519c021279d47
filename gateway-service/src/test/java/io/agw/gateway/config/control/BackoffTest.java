package io.agw.gateway.config.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

  @Test
  void doublesEachAttemptUpToTheMaximum() {
    assertThat(backoff.delay(0, 0.999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
    assertThat(backoff.delay(3, 0.999)).isBetween(Duration.ofMillis(1599), Duration.ofMillis(1600));
    assertThat(backoff.delay(10, 0.999)).isBetween(Duration.ofMillis(9990), Duration.ofSeconds(10));
    assertThat(backoff.delay(500, 0.999))
        .isBetween(Duration.ofMillis(9990), Duration.ofSeconds(10));
  }

  @Test
  void jitterWaitsAtLeastHalf() {
    assertThat(backoff.delay(2, 0)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void refusesAMaximumBelowTheStart() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
