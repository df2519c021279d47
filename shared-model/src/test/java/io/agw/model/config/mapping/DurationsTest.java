package io.agw.model.config.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "10s, 10, 0",
    "500ms, 0, 500000000",
    "1m30s, 90, 0",
    "2h, 7200, 0",
    "1.5s, 1, 500000000",
    "1h2m3s4ms, 3723, 4000000",
    "250us, 0, 250000",
    "7ns, 0, 7",
    "0, 0, 0",
    "30, 30, 0",
    "0.25, 0, 250000000",
  })
  void parses(String text, long seconds, int nanos) {
    assertThat(Durations.parse(text))
        .isEqualTo(Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "-1s", "10 s", "1d", "1.s", "ms10", "1m30", "1e3s"})
  void refuses(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid duration '" + text + "'");
  }
}
