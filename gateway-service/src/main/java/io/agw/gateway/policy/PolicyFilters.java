package io.agw.gateway.policy;

import io.agw.model.resource.v1.PolicySpec;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The registry of {@link PolicyKind}s: turns route and listener policies into ordered Spring Cloud
 * Gateway filters (and route metadata) and backend policies into backend settings, once per state,
 * by handing each spec to the kind registered for it. Immutable and thread-safe.
 */
public final class PolicyFilters {

  private final Map<PolicySpec.KindCase, PolicyKind> kinds =
      new EnumMap<>(PolicySpec.KindCase.class);

  /**
   * @throws IllegalStateException when two registrations claim the same kind
   */
  public PolicyFilters(Collection<? extends PolicyKind> registered) {
    for (PolicyKind kind : registered) {
      PolicyKind previous = kinds.put(kind.kind(), kind);
      if (previous != null) {
        throw new IllegalStateException("two registrations for the policy kind " + kind.kind());
      }
    }
  }

  /**
   * Adds the filter for {@code spec} to {@code filters}, or its setting to {@code metadata},
   * outside any route's compilation (no backends known).
   *
   * @throws IllegalArgumentException when the policy cannot be built
   */
  public void add(
      String routeId, PolicySpec spec, List<GatewayFilter> filters, Map<String, Object> metadata) {
    onRoute(spec, new RouteCompilation(routeId, null, List.of(), filters, metadata));
  }

  /** Compiles a listener or route policy into {@code route}. */
  public void onRoute(PolicySpec spec, RouteCompilation route) {
    if (spec.getKindCase() == PolicySpec.KindCase.KIND_NOT_SET) {
      throw new IllegalArgumentException("a policy without a kind");
    }
    PolicyKind kind = kinds.get(spec.getKindCase());
    if (kind == null) {
      throw new IllegalArgumentException(
          "policies of kind " + spec.getKindCase() + " are not available in this gateway");
    }
    kind.onRoute(spec, route);
  }

  /** Applies a backend policy; kinds that do nothing for backends are skipped. */
  public void onBackend(PolicySpec spec, BackendCompilation backend) {
    PolicyKind kind = kinds.get(spec.getKindCase());
    if (kind != null) {
      kind.onBackend(spec, backend);
    }
  }

  /** Lets every kind complete the route, in the order the spec kinds are declared in the proto. */
  public void completeRoute(RouteCompilation route) {
    for (PolicyKind kind : kinds.values()) {
      kind.completeRoute(route);
    }
  }
}
