package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.config.SettleGate.Settled;
import io.agw.gateway.config.SettleGate.Wait;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a changed file's content may be acted on; times are given in milliseconds from zero. */
class SettleGateTest {

  private final SettleGate gate = new SettleGate(Duration.ofMillis(100), Duration.ofSeconds(2));

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private SettleGate.Decision read(String content, boolean emptying, long millis) {
    return gate.observe(text(content), emptying, Duration.ofMillis(millis).toNanos());
  }

  @Test
  void aChangedFileIsActedOnOnlyOnceItReadsTheSameAfterTheSettleInterval() {
    assertThat(read("binds: [a]", false, 1_000)).isEqualTo(new Wait(Duration.ofMillis(100), false));
    assertThat(read("binds: [a]", false, 1_060)).isEqualTo(new Wait(Duration.ofMillis(40), false));
    assertThat(read("binds: [a]", false, 1_100)).isEqualTo(new Settled());
  }

  @Test
  void aDifferentReadStartsTheWaitAgain() {
    read("binds: [a", false, 0);
    // The writer was still writing: the second read differs, so the first is never acted on.
    assertThat(read("binds: [a, b]", false, 150))
        .isEqualTo(new Wait(Duration.ofMillis(100), false));
    assertThat(read("binds: [a, b]", false, 260)).isEqualTo(new Settled());
  }

  @Test
  void aFileThatEmptiesTheConfigurationMustStayEmptyForTheLongerInterval() {
    // `: > file; sleep 0.5; cat good > file`: the empty file reads the same for 500 ms.
    assertThat(read("", true, 0)).isEqualTo(new Wait(Duration.ofSeconds(2), true));
    assertThat(read("", true, 500)).isEqualTo(new Wait(Duration.ofMillis(1_500), true));
    assertThat(read("binds: [a]", false, 600)).isEqualTo(new Wait(Duration.ofMillis(100), false));
    assertThat(read("binds: [a]", false, 700)).isEqualTo(new Settled());
  }

  @Test
  void aFileThatStaysEmptyIsActedOnAfterTheLongerInterval() {
    read("", true, 0);
    assertThat(read("", true, 1_999)).isInstanceOf(Wait.class);
    assertThat(read("", true, 2_000)).isEqualTo(new Settled());
  }

  @Test
  void aResetForgetsTheVersionWaitedOn() {
    read("binds: [a]", false, 0);
    gate.reset();
    assertThat(read("binds: [a]", false, 100)).isEqualTo(new Wait(Duration.ofMillis(100), false));
  }

  @Test
  void aSettledVersionIsNotSettledAgainWithoutANewWait() {
    read("binds: [a]", false, 0);
    assertThat(read("binds: [a]", false, 100)).isEqualTo(new Settled());
    assertThat(read("binds: [a]", false, 150)).isEqualTo(new Wait(Duration.ofMillis(100), false));
  }

  @Test
  void aZeroSettleIntervalActsOnTheFirstRead() {
    SettleGate immediate = new SettleGate(Duration.ZERO, Duration.ZERO);
    assertThat(immediate.observe(text("binds: [a]"), false, 0)).isEqualTo(new Settled());
    assertThat(immediate.observe(text(""), true, 0)).isEqualTo(new Settled());
  }

  @Test
  void theEmptySettleIntervalIsNeverShorterThanTheSettleInterval() {
    SettleGate gate = new SettleGate(Duration.ofMillis(300), Duration.ofMillis(100));
    assertThat(gate.observe(text(""), true, 0)).isEqualTo(new Wait(Duration.ofMillis(300), true));
  }

  @Test
  void negativeIntervalsAreRefused() {
    assertThatThrownBy(() -> new SettleGate(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
