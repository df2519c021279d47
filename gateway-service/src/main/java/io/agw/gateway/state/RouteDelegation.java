package io.agw.gateway.state;

import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Route delegation (agentgateway's {@code routeGroup} backends): which group a route delegates to,
 * and how its policies combine with those of the group's route that serves the request. Stateless.
 */
final class RouteDelegation {

  /**
   * The listener a group's routes are indexed under: none (any host). A group's route is matched by
   * its own hostnames and matches only, as agentgateway does; the listener's hostname already
   * narrowed the delegating route.
   */
  static final Listener GROUP_LISTENER = Listener.getDefaultInstance();

  private RouteDelegation() {}

  /**
   * The key of the group the route delegates to, or null when it has ordinary backends.
   *
   * @throws IllegalArgumentException when a route group is one of several backends
   */
  static String groupKey(Route route) {
    String group = null;
    for (RouteBackend rb : route.getBackendsList()) {
      if (!rb.getRouteGroupKey().isEmpty()) {
        group = rb.getRouteGroupKey();
      }
    }
    if (group != null && route.getBackendsCount() > 1) {
      throw new IllegalArgumentException(
          "a route that delegates to a route group has no other backend");
    }
    return group;
  }

  /**
   * The policies of a group's route reached through a delegating route: per policy kind, the group
   * route's own replace the delegating route's (the more specific route wins, as in agentgateway);
   * kinds only the delegating route sets are inherited.
   */
  static List<PolicySpec> merge(List<PolicySpec> parent, List<PolicySpec> child) {
    Set<PolicySpec.KindCase> childKinds = EnumSet.noneOf(PolicySpec.KindCase.class);
    child.forEach(p -> childKinds.add(p.getKindCase()));
    List<PolicySpec> merged = new ArrayList<>();
    for (PolicySpec p : parent) {
      if (!childKinds.contains(p.getKindCase())) {
        merged.add(p);
      }
    }
    merged.addAll(child);
    return merged;
  }
}
