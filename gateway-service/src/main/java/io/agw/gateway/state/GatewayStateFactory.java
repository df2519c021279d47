package io.agw.gateway.state;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.redaction.CredentialHeaders;
import io.agw.gateway.backend.redaction.SecretRedactionFilter;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKinds;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.PolicyFilters;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.gateway.route.BackendSelectionFilter;
import io.agw.gateway.route.BackendSelectionFilter.WeightedBackend;
import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PortRouter;
import io.agw.gateway.route.RouterBuilder;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import io.agw.model.resource.v1.RouteGroup;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Builds a {@link GatewayState} from resources: checks references, compiles policies into filters
 * (each through its registered {@link io.agw.gateway.policy.PolicyKind}), backends into clients
 * (through their {@link io.agw.gateway.policy.BackendKind}), and routes into per-port routers.
 * Collects every problem and refuses the whole set if there is any. Stateless apart from its
 * collaborators; thread-safe.
 */
public final class GatewayStateFactory {

  private static final URI UNUSED_ROUTE_URI = URI.create("http://agw.backend.invalid");

  private final PolicyFilters policies;
  private final BackendKinds backendKinds;
  private final BackendClients clients;
  private final ListenerTlsFactory listenerTls;

  /**
   * @param policies the policy kinds; a route with a policy no kind serves is refused
   * @param backendKinds the backend kinds; a backend no kind serves is refused
   */
  public GatewayStateFactory(
      PolicyFilters policies,
      BackendKinds backendKinds,
      BackendClients clients,
      ListenerTlsFactory listenerTls) {
    this.policies = policies;
    this.backendKinds = backendKinds;
    this.clients = clients;
    this.listenerTls = listenerTls;
  }

  public GatewayState build(long version, String source, Map<String, Resource> resources)
      throws InvalidStateException {
    Index index = Index.of(resources.values());
    List<String> problems = new ArrayList<>();
    index.unsupported.forEach(
        key -> problems.add(key + ": TCP routes and attached policies are not supported yet"));
    Map<Integer, RouterBuilder> routers = new TreeMap<>();
    Map<Integer, GatewayState.BindSpec> binds = binds(index, problems, routers);
    List<CompiledRoute> routes = new ArrayList<>();
    index.routes.values().stream()
        .sorted(Comparator.comparingInt(Route::getOrder).thenComparing(Route::getKey))
        .forEach(route -> compile(route, index, problems, routers, routes));
    if (!problems.isEmpty()) {
      throw new InvalidStateException(problems);
    }
    Map<Integer, PortRouter> built = new HashMap<>();
    routers.forEach((port, b) -> built.put(port, b.build()));
    return new GatewayState(
        version,
        source,
        Instant.now(),
        Map.copyOf(resources),
        Map.copyOf(binds),
        Map.copyOf(built),
        List.copyOf(routes));
  }

  private Map<Integer, GatewayState.BindSpec> binds(
      Index index, List<String> problems, Map<Integer, RouterBuilder> routers) {
    Map<Integer, GatewayState.BindSpec> binds = new TreeMap<>();
    Map<String, List<Listener>> listenersByBind = new HashMap<>();
    for (Listener l : index.listeners.values()) {
      if (!index.binds.containsKey(l.getBindKey())) {
        problems.add("listener " + l.getKey() + ": unknown bind " + l.getBindKey());
        continue;
      }
      listenersByBind.computeIfAbsent(l.getBindKey(), k -> new ArrayList<>()).add(l);
    }
    for (Bind bind : index.binds.values()) {
      int port = (int) bind.getPort();
      if (port < 1 || port > 65535) {
        problems.add("bind " + bind.getKey() + ": port " + port + " is out of range");
        continue;
      }
      if (binds.containsKey(port)) {
        problems.add("bind " + bind.getKey() + ": port " + port + " is bound twice");
        continue;
      }
      List<Listener> listeners = listenersByBind.getOrDefault(bind.getKey(), List.of());
      try {
        binds.put(
            port,
            new GatewayState.BindSpec(
                port,
                listenerTls.forBind(listeners, bind.getFrontend().getTls()),
                listeners.stream().map(Listener::getName).toList(),
                bind.getFrontend()));
      } catch (IllegalArgumentException e) {
        problems.add("bind " + bind.getKey() + ": " + e.getMessage());
      }
      routers.put(port, new RouterBuilder());
    }
    return binds;
  }

  private void compile(
      Route route,
      Index index,
      List<String> problems,
      Map<Integer, RouterBuilder> routers,
      List<CompiledRoute> out) {
    String where = "route " + route.getKey();
    if (route.getListenerKey().isEmpty() && index.groupRoutes.contains(route.getKey())) {
      return; // served only through the routes that delegate to its group
    }
    Listener listener = index.listeners.get(route.getListenerKey());
    if (listener == null) {
      problems.add(where + ": unknown listener " + route.getListenerKey());
      return;
    }
    Bind bind = index.binds.get(listener.getBindKey());
    if (bind == null) {
      return; // reported with the listener
    }
    try {
      CompiledRoute compiled =
          compileServed(
              route, route.getKey(), listener, route.getPoliciesList(), index, out, List.of());
      routers.get((int) bind.getPort()).add(listener, route, compiled);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  /**
   * Compiles a route as served from {@code listener}, with {@code routePolicies} in place of its
   * own (a group's route gets those of the routes that delegated to it merged in).
   *
   * @param id the Spring Cloud Gateway route id: the route's key, prefixed with the delegating
   *     routes' keys for a group's route (one group can be reached from several routes)
   * @param groups the keys of the groups delegated through to reach this route, in order
   */
  private CompiledRoute compileServed(
      Route route,
      String id,
      Listener listener,
      List<PolicySpec> routePolicies,
      Index index,
      List<CompiledRoute> out,
      List<String> groups) {
    String groupKey = RouteDelegation.groupKey(route);
    if (groupKey != null) {
      return delegating(route, id, listener, routePolicies, groupKey, index, out, groups);
    }
    Route effective = route.toBuilder().clearPolicies().addAllPolicies(routePolicies).build();
    List<GatewayFilter> filters = new ArrayList<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    List<RouteCompilation.BackendRef> refs = new ArrayList<>();
    for (RouteBackend rb : route.getBackendsList()) {
      var resource = index.backends.get(rb.getBackendKey());
      if (resource != null) {
        refs.add(new RouteCompilation.BackendRef(rb, resource));
      }
    }
    RouteCompilation compilation =
        new RouteCompilation(route.getKey(), effective, refs, filters, metadata);
    for (PolicySpec spec : listener.getPoliciesList()) {
      policies.onRoute(spec, compilation);
    }
    BackendTls routeTls = null;
    PolicySpec routeAuth = null;
    for (PolicySpec spec : routePolicies) {
      policies.onRoute(spec, compilation);
      if (spec.hasBackendTls()) {
        routeTls = spec.getBackendTls();
      }
      if (spec.hasBackendAuth()) {
        routeAuth = spec;
      }
    }
    List<WeightedBackend> backends = new ArrayList<>();
    for (RouteBackend rb : route.getBackendsList()) {
      backends.add(new WeightedBackend(backend(rb, routeTls, routeAuth, index), rb.getWeight()));
    }
    compilation.backends(backends.stream().map(WeightedBackend::backend).toList());
    compilation.addFilter(new BackendSelectionFilter(backends), FilterOrder.BACKEND);
    if (backends.stream().anyMatch(b -> CredentialHeaders.any(b.backend().requestHeaders()))) {
      compilation.addFilter(new SecretRedactionFilter(), FilterOrder.CREDENTIAL_REDACTION);
    }
    // Backend kinds first: they claim the policies they consume (the LLM runtime takes retry).
    backendKinds.completeRoute(compilation);
    policies.completeRoute(compilation);
    CompiledRoute compiled =
        new CompiledRoute(
            route.getKey(),
            nameOf(route),
            listener.getName(),
            scgRoute(id, route, filters, metadata));
    out.add(compiled);
    return compiled;
  }

  /**
   * A route whose backend is a route group: it only selects, at request time, which of the group's
   * routes serves the request ({@link CompiledRoute#delegate()}). Each of the group's routes is
   * compiled for this route, with this route's policies merged under its own ({@link
   * RouteDelegation#merge}).
   */
  private CompiledRoute delegating(
      Route route,
      String id,
      Listener listener,
      List<PolicySpec> routePolicies,
      String groupKey,
      Index index,
      List<CompiledRoute> out,
      List<String> groups) {
    RouteGroup group = index.routeGroups.get(groupKey);
    if (group == null) {
      throw new IllegalArgumentException("unknown route group " + groupKey);
    }
    List<String> through = new ArrayList<>(groups);
    through.add(groupKey);
    if (groups.contains(groupKey)) {
      throw new IllegalArgumentException("route delegation cycle: " + String.join(" -> ", through));
    }
    RouterBuilder children = new RouterBuilder();
    for (String childKey : group.getRouteKeysList()) {
      Route child = index.routes.get(childKey);
      if (child == null) {
        throw new IllegalArgumentException(
            "route group " + groupKey + " lists an unknown route " + childKey);
      }
      try {
        CompiledRoute compiled =
            compileServed(
                child,
                id + ">" + childKey,
                listener,
                RouteDelegation.merge(routePolicies, child.getPoliciesList()),
                index,
                out,
                through);
        children.add(RouteDelegation.GROUP_LISTENER, child, compiled);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "route group " + groupKey + ", route " + childKey + ": " + e.getMessage(), e);
      }
    }
    CompiledRoute compiled =
        new CompiledRoute(
            route.getKey(),
            nameOf(route),
            listener.getName(),
            scgRoute(id, route, List.of(), Map.of()),
            children.build());
    out.add(compiled);
    return compiled;
  }

  private static String nameOf(Route route) {
    return route.getName().isEmpty() ? route.getKey() : route.getName();
  }

  private static org.springframework.cloud.gateway.route.Route scgRoute(
      String id, Route route, List<GatewayFilter> filters, Map<String, Object> metadata) {
    String key = route.getKey();
    return org.springframework.cloud.gateway.route.Route.async()
        .id(id)
        .uri(UNUSED_ROUTE_URI)
        .order((int) route.getOrder())
        .predicate(exchange -> RouterBuilder.isRouteOf(exchange, key))
        .filters(filters)
        .metadata(metadata)
        .build();
  }

  /**
   * @param routeAuth the route's {@code backendAuth}, null if none
   */
  private Backend backend(RouteBackend rb, BackendTls routeTls, PolicySpec routeAuth, Index index) {
    var resource = index.backends.get(rb.getBackendKey());
    if (resource == null) {
      throw new IllegalArgumentException("unknown backend " + rb.getBackendKey());
    }
    List<PolicySpec> specs =
        backendPolicies(resource.getPoliciesList(), routeAuth, rb.getPoliciesList());
    BackendCompilation compilation = new BackendCompilation(resource, routeTls, specs, clients);
    for (PolicySpec spec : specs) {
      policies.onBackend(spec, compilation);
    }
    return backendKinds.build(compilation);
  }

  /**
   * A backend's policies, the most specific last: the backend's own, the route's {@code
   * backendAuth}, the route reference's. Only one {@code backendAuth} applies (agentgateway's rank:
   * reference, route, backend), so the others are dropped.
   */
  static List<PolicySpec> backendPolicies(
      List<PolicySpec> own, PolicySpec routeAuth, List<PolicySpec> reference) {
    List<PolicySpec> specs = new ArrayList<>(own);
    if (routeAuth != null) {
      specs.add(routeAuth);
    }
    specs.addAll(reference);
    int last = -1;
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).hasBackendAuth()) {
        last = i;
      }
    }
    List<PolicySpec> effective = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      if (!specs.get(i).hasBackendAuth() || i == last) {
        effective.add(specs.get(i));
      }
    }
    return effective;
  }

  /** The resources of one set, by kind and key. */
  private record Index(
      Map<String, Bind> binds,
      Map<String, Listener> listeners,
      Map<String, Route> routes,
      Map<String, io.agw.model.resource.v1.Backend> backends,
      Map<String, RouteGroup> routeGroups,
      Set<String> groupRoutes,
      List<String> unsupported) {

    static Index of(Iterable<Resource> resources) {
      Index index =
          new Index(
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new HashSet<>(),
              new ArrayList<>());
      for (Resource r : resources) {
        switch (r.getKindCase()) {
          case BIND -> index.binds.put(r.getBind().getKey(), r.getBind());
          case LISTENER -> index.listeners.put(r.getListener().getKey(), r.getListener());
          case ROUTE -> index.routes.put(r.getRoute().getKey(), r.getRoute());
          case BACKEND -> index.backends.put(r.getBackend().getKey(), r.getBackend());
          case ROUTE_GROUP -> {
            index.routeGroups.put(r.getRouteGroup().getKey(), r.getRouteGroup());
            index.groupRoutes.addAll(r.getRouteGroup().getRouteKeysList());
          }
          case TCP_ROUTE, POLICY -> index.unsupported.add(r.getKey());
          // Kept in the state and the config dump for the features that consume them (usage
          // reads the model catalog and the standard attributes).
          case WORKLOAD, SERVICE, MODEL_CATALOG, STANDARD_ATTRIBUTES, KIND_NOT_SET -> {}
        }
      }
      return index;
    }
  }
}
