package io.agw.gateway.llm.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndpointEjectionTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(5 * SECOND);
  private final Endpoint endpoint = new Endpoint("p", clock::get);

  @Test
  void repeatedEjectionsLastLongerUntilASuccess() {
    EjectionPolicy policy = EjectionPolicy.of(Duration.ofSeconds(2), 1);

    assertThat(endpoint.failed(policy)).isTrue();
    assertEjectedFor(2);
    assertThat(endpoint.failed(policy)).isTrue();
    assertEjectedFor(4);
    assertThat(endpoint.failed(policy)).isTrue();
    assertEjectedFor(8);

    endpoint.succeeded();
    assertThat(endpoint.failed(policy)).isTrue();
    assertEjectedFor(2);
  }

  @Test
  void aSuccessEndsAnEjection() {
    EjectionPolicy policy = EjectionPolicy.of(Duration.ofSeconds(2), 1);
    endpoint.failed(policy);
    assertThat(endpoint.ejected()).isTrue();

    endpoint.succeeded();

    assertThat(endpoint.ejected()).isFalse();
  }

  @Test
  void theEjectionTimeStopsGrowingAtItsLimit() {
    EjectionPolicy policy = new EjectionPolicy(Duration.ofSeconds(1), 1, Duration.ofSeconds(3));

    endpoint.failed(policy);
    assertEjectedFor(1);
    endpoint.failed(policy);
    assertEjectedFor(2);
    endpoint.failed(policy);
    assertEjectedFor(3);
    endpoint.failed(policy);
    assertEjectedFor(3);
  }

  @Test
  void consecutiveFailuresAreNeededBeforeAnEjection() {
    EjectionPolicy policy = EjectionPolicy.of(Duration.ofSeconds(2), 3);

    assertThat(endpoint.failed(policy)).isFalse();
    assertThat(endpoint.failed(policy)).isFalse();
    endpoint.succeeded();
    assertThat(endpoint.failed(policy)).isFalse();
    assertThat(endpoint.failed(policy)).isFalse();
    assertThat(endpoint.ejected()).isFalse();
    assertThat(endpoint.failed(policy)).isTrue();
    assertThat(endpoint.ejected()).isTrue();
  }

  @Test
  void failuresWhileEjectedDoNotExtendTheEjection() {
    EjectionPolicy policy = EjectionPolicy.of(Duration.ofSeconds(2), 1);

    endpoint.failed(policy);
    clock.addAndGet(SECOND);
    assertThat(endpoint.failed(policy)).isFalse();
    clock.addAndGet(SECOND);
    assertThat(endpoint.ejected()).isFalse();
  }

  @Test
  void aZeroDurationNeverEjects() {
    EjectionPolicy policy = EjectionPolicy.of(Duration.ZERO, 1);

    assertThat(endpoint.failed(policy)).isFalse();
    assertThat(endpoint.ejected()).isFalse();
  }

  @Test
  void theRegistryKeepsAnEndpointWhileItIsInUse() {
    Endpoints endpoints = new Endpoints(clock::get);
    Endpoint first = endpoints.get("backend/ai/primary@http://127.0.0.1:1", "primary");
    first.observe(SECOND);

    assertThat(endpoints.get("backend/ai/primary@http://127.0.0.1:1", "primary")).isSameAs(first);
    assertThat(endpoints.get("backend/ai/primary@http://127.0.0.1:2", "primary"))
        .isNotSameAs(first);
  }

  private void assertEjectedFor(long seconds) {
    assertThat(endpoint.ejected()).isTrue();
    clock.addAndGet(seconds * SECOND - 1);
    assertThat(endpoint.ejected()).as("still ejected just before %d s", seconds).isTrue();
    clock.addAndGet(1);
    assertThat(endpoint.ejected()).as("back after %d s", seconds).isFalse();
  }
}
