package io.agw.gateway.llm.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.agw.model.resource.v1.Retry;
import org.junit.jupiter.api.Test;

class FailoverSettingsTest {

  @Test
  void withoutARetryPolicyRateLimitsAndServerErrorsFailOverOnce() {
    FailoverSettings settings = FailoverSettings.of(null);

    assertThat(settings.failsOver(429)).isTrue();
    assertThat(settings.failsOver(500)).isTrue();
    assertThat(settings.failsOver(503)).isTrue();
    assertThat(settings.failsOver(400)).isFalse();
    assertThat(settings.failsOver(404)).isFalse();
    assertThat(settings.failsOver(200)).isFalse();
    assertThat(settings.attemptsPerGroup()).isEqualTo(1);
    assertThat(settings.backoff()).isZero();
  }

  @Test
  void theRoutesRetryPolicySetsCodesAttemptsAndBackoff() {
    FailoverSettings settings =
        FailoverSettings.of(
            Retry.newBuilder()
                .setAttempts(3)
                .addCodes(503)
                .setBackoff(Duration.newBuilder().setNanos(250_000_000))
                .build());

    assertThat(settings.failsOver(503)).isTrue();
    assertThat(settings.failsOver(429)).isFalse();
    assertThat(settings.attemptsPerGroup()).isEqualTo(3);
    assertThat(settings.backoff()).isEqualTo(java.time.Duration.ofMillis(250));
    // Health is judged apart from the codes: a 429 still counts against the provider.
    assertThat(FailoverSettings.unhealthy(429)).isTrue();
    assertThat(FailoverSettings.unhealthy(404)).isFalse();
  }
}
