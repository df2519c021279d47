package io.agw.gateway.a2a;

import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;

/**
 * The {@code a2a} policy kind. Set on a route, it adds the A2A filter; set on the backends instead
 * (the Backend resources or the route's references), it makes the route an A2A route when all of
 * them carry it. A route where only some do is refused: the policy runs before the backend is
 * chosen, so it cannot apply to some attempts only.
 */
public final class A2aPolicyKind implements PolicyKind {

  private final A2aFilters filters;

  public A2aPolicyKind(A2aFilters filters) {
    this.filters = filters;
  }

  @Override
  public KindCase kind() {
    return KindCase.A2A;
  }

  @Override
  public void onRoute(PolicySpec spec, RouteCompilation route) {
    route.addFilter(filters.create(), FilterOrder.A2A);
  }

  @Override
  public void completeRoute(RouteCompilation route) {
    if (route.routePolicy(KindCase.A2A).isEmpty() && backendsMarkA2a(route)) {
      route.addFilter(filters.create(), FilterOrder.A2A);
    }
  }

  private static boolean backendsMarkA2a(RouteCompilation route) {
    var refs = route.backendRefs();
    long marked =
        refs.stream()
            .filter(
                b ->
                    b.ref().getPoliciesList().stream().anyMatch(PolicySpec::hasA2A)
                        || b.resource().getPoliciesList().stream().anyMatch(PolicySpec::hasA2A))
            .count();
    if (marked > 0 && marked < refs.size()) {
      throw new IllegalArgumentException(
          "a2a is set on some but not all backends of the route, which is not supported; set it on"
              + " every backend or on the route");
    }
    return marked > 0;
  }
}
