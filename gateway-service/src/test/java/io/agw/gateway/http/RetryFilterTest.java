package io.agw.gateway.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.model.resource.v1.Retry;
import org.junit.jupiter.api.Test;

/**
 * What a route's {@code retry} refuses when the state is built (its behaviour is in {@code
 * RetryConditionAndCsrfIntegrationTest}).
 */
class RetryFilterTest {

  @Test
  void aConditionThatReadsTheResponseBodyIsRefused() {
    Retry retry =
        Retry.newBuilder()
            .setAttempts(2)
            .addCodes(503)
            .setCondition("response.body.contains(\"overloaded\")")
            .build();
    assertThatThrownBy(() -> new RetryFilter(retry, new CelEnvironment()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("retry.condition cannot read response.body");
  }

  @Test
  void aCodeThatIsNoHttpStatusIsRefused() {
    // The control plane passes retry codes through; the file's mapper refuses them earlier.
    Retry retry = Retry.newBuilder().setAttempts(2).addCodes(503).addCodes(999).build();
    assertThatThrownBy(() -> new RetryFilter(retry, new CelEnvironment()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry code 999 is not an HTTP status code (100 to 599)");
  }
}
