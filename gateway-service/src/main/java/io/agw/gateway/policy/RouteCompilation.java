package io.agw.gateway.policy;

import io.agw.gateway.backend.Backend;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * One route being compiled into filters and metadata, as the policy and backend kinds see it.
 * Created by the state factory per route and discarded once the route is built; not thread-safe.
 */
public final class RouteCompilation {

  /** A route's reference to a backend, with the Backend resource it names. */
  public record BackendRef(RouteBackend ref, io.agw.model.resource.v1.Backend resource) {}

  private final String routeId;
  private final Route route;
  private final List<BackendRef> backendRefs;
  private final List<GatewayFilter> filters;
  private final Map<String, Object> metadata;
  private final Set<PolicySpec.KindCase> claimed = EnumSet.noneOf(PolicySpec.KindCase.class);
  private List<Backend> backends = List.of();

  /**
   * @param route the route resource, or null when a policy is compiled outside a route (tests)
   * @param backendRefs the route's backend references whose resources exist, in order
   */
  public RouteCompilation(
      String routeId,
      Route route,
      List<BackendRef> backendRefs,
      List<GatewayFilter> filters,
      Map<String, Object> metadata) {
    this.routeId = routeId;
    this.route = route;
    this.backendRefs = List.copyOf(backendRefs);
    this.filters = filters;
    this.metadata = metadata;
  }

  public String routeId() {
    return routeId;
  }

  /** The route's backend references, with their resources. */
  public List<BackendRef> backendRefs() {
    return backendRefs;
  }

  /** The compiled backends (empty before backends are built). */
  public List<Backend> backends() {
    return backends;
  }

  public void backends(List<Backend> compiled) {
    this.backends = List.copyOf(compiled);
  }

  /** Whether the route has a backend of that resource kind. */
  public boolean hasBackend(io.agw.model.resource.v1.Backend.KindCase kind) {
    return backendRefs.stream().anyMatch(b -> b.resource().getKindCase() == kind);
  }

  /** The route's own policy of {@code kind} (the last one if repeated). */
  public Optional<PolicySpec> routePolicy(PolicySpec.KindCase kind) {
    PolicySpec found = null;
    if (route != null) {
      for (PolicySpec spec : route.getPoliciesList()) {
        if (spec.getKindCase() == kind) {
          found = spec;
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Marks the route's policy of {@code kind} as consumed by a backend kind (the LLM runtime takes
   * {@code retry} and {@code ai}), and returns it. The policy kind then knows, when it completes
   * the route, that it has nothing to add.
   */
  public Optional<PolicySpec> claim(PolicySpec.KindCase kind) {
    claimed.add(kind);
    return routePolicy(kind);
  }

  /** Whether a backend kind consumed the route's policy of {@code kind}. */
  public boolean isClaimed(PolicySpec.KindCase kind) {
    return claimed.contains(kind);
  }

  public void addFilter(GatewayFilter filter, int order) {
    filters.add(PolicyKind.ordered(filter, order));
  }

  /** Adds filters that are already ordered. */
  public void addFilters(List<GatewayFilter> ordered) {
    filters.addAll(ordered);
  }

  /** How many filters the route has so far; extension filters keep their written order by it. */
  public int filterCount() {
    return filters.size();
  }

  public void putMetadata(String key, Object value) {
    metadata.put(key, value);
  }

  /** The filters compiled so far, for the route being built. */
  List<GatewayFilter> filters() {
    return new ArrayList<>(filters);
  }
}
