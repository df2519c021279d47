package io.agw.gateway.admin;

import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.ResourceStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready once a valid configuration serves traffic; part of the readiness group. Details name the
 * serving version and the last refused change, if any.
 */
public class ConfigHealthIndicator implements HealthIndicator {

  private final ResourceStore store;

  public ConfigHealthIndicator(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    GatewayState state = store.current();
    Health.Builder builder = state == null ? Health.outOfService() : Health.up();
    if (state != null) {
      builder.withDetail("version", state.version()).withDetail("source", state.source());
    }
    ResourceStore.Refusal refusal = store.lastRefusal();
    if (refusal != null) {
      builder.withDetail("lastError", String.join("; ", refusal.problems()));
    }
    return builder.build();
  }
}
