package io.agw.gateway.usage.store;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The usage store's health ({@code usageStore}): up once open and writing, down while it cannot be
 * opened or its last write failed. Not part of readiness: a gateway without its store still serves
 * traffic. Details: the dialect's URL (password redacted), the state and the last problem.
 */
public final class UsageStoreHealth implements HealthIndicator {

  private final UsageStore store;
  private final UsageRecorder recorder;

  public UsageStoreHealth(UsageStore store, UsageRecorder recorder) {
    this.store = store;
    this.recorder = recorder;
  }

  @Override
  public Health health() {
    Health.Builder builder = store.state() == UsageStore.State.UP ? Health.up() : Health.down();
    builder.withDetail("url", String.valueOf(store.location()));
    builder.withDetail("state", store.state().name().toLowerCase(java.util.Locale.ROOT));
    builder.withDetail("queued", recorder.queued());
    if (store.problem() != null) {
      builder.withDetail("problem", store.problem());
    }
    return builder.build();
  }
}
