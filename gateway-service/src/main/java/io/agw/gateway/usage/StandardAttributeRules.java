package io.agw.gateway.usage;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.StateListener;
import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.resource.v1.Resource;

/**
 * The {@link AttributionRules} of the configuration in force, compiled with every state; a state
 * whose expressions do not compile is refused. Reads are lock-free; states are applied one at a
 * time by the store.
 */
public final class StandardAttributeRules implements StateListener {

  private final CelEnvironment cel;
  private volatile AttributionRules current = AttributionRules.NONE;
  private volatile AttributionRules prepared;

  public StandardAttributeRules(CelEnvironment cel) {
    this.cel = cel;
  }

  /** The rules in force. */
  public AttributionRules current() {
    return current;
  }

  @Override
  public void prepare(GatewayState current, GatewayState next) {
    prepared = rulesOf(next);
  }

  @Override
  public void rollback(GatewayState current, GatewayState next) {
    prepared = null;
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    AttributionRules rules = prepared != null ? prepared : rulesOf(next);
    prepared = null;
    current = rules;
  }

  /** Applies a state that was current before these rules listened to the store. */
  public void apply(GatewayState state) {
    if (state != null) {
      current = rulesOf(state);
    }
  }

  private AttributionRules rulesOf(GatewayState state) {
    Resource resource = state.resources().get(ConfigMapper.STANDARD_ATTRIBUTES_KEY);
    if (resource == null || !resource.hasStandardAttributes()) {
      return AttributionRules.NONE;
    }
    try {
      return AttributionRules.of(resource.getStandardAttributes(), cel);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("standardAttributes: " + e.getMessage(), e);
    }
  }
}
