package io.agw.gateway.state;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.http.HeaderModifiers;
import io.agw.gateway.http.PolicyFilters;
import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.mcp.McpRoutes;
import io.agw.gateway.route.BackendSelectionFilter;
import io.agw.gateway.route.BackendSelectionFilter.WeightedBackend;
import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PortRouter;
import io.agw.gateway.route.RouterBuilder;
import io.agw.model.resource.v1.A2aPolicy;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;

/**
 * Builds a {@link GatewayState} from resources: checks references, compiles policies into filters,
 * backends into clients, and routes into per-port routers. Collects every problem and refuses the
 * whole set if there is any. Stateless apart from its collaborators; thread-safe.
 */
public final class GatewayStateFactory {

  private static final URI UNUSED_ROUTE_URI = URI.create("http://agw.backend.invalid");
  private static final PolicySpec A2A =
      PolicySpec.newBuilder().setA2A(A2aPolicy.getDefaultInstance()).build();

  private final PolicyFilters policyFilters;
  private final BackendClients clients;
  private final ListenerTlsFactory listenerTls;
  private final LlmRoutes llm;
  private final McpRoutes mcp;

  /** A factory without the MCP runtime: states with {@code mcp} backends are refused. */
  public GatewayStateFactory(
      PolicyFilters policyFilters,
      BackendClients clients,
      ListenerTlsFactory listenerTls,
      LlmRoutes llm) {
    this(policyFilters, clients, listenerTls, llm, null);
  }

  public GatewayStateFactory(
      PolicyFilters policyFilters,
      BackendClients clients,
      ListenerTlsFactory listenerTls,
      LlmRoutes llm,
      McpRoutes mcp) {
    this.policyFilters = policyFilters;
    this.clients = clients;
    this.listenerTls = listenerTls;
    this.llm = llm;
    this.mcp = mcp;
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
                listenerTls.forBind(listeners),
                listeners.stream().map(Listener::getName).toList()));
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
      List<GatewayFilter> filters = new ArrayList<>();
      Map<String, Object> metadata = new LinkedHashMap<>();
      BackendTls routeTls = null;
      AiPolicy aiPolicy = null;
      Authorization mcpAuthorization = null;
      for (PolicySpec spec : listener.getPoliciesList()) {
        policyFilters.add(route.getKey(), spec, filters, metadata);
      }
      PolicySpec retry = null;
      for (PolicySpec spec : route.getPoliciesList()) {
        if (spec.hasRetry()) {
          // Added below: on an LLM route the LLM dispatcher retries and fails over instead.
          retry = spec;
          continue;
        }
        policyFilters.add(route.getKey(), spec, filters, metadata);
        if (spec.hasBackendTls()) {
          routeTls = spec.getBackendTls();
        }
        if (spec.hasAi()) {
          aiPolicy = spec.getAi();
        }
        if (spec.hasMcpAuthorization()) {
          mcpAuthorization = spec.getMcpAuthorization();
        }
      }
      if (route.getPoliciesList().stream().noneMatch(PolicySpec::hasA2A)
          && backendsMarkA2a(route, index)) {
        policyFilters.add(route.getKey(), A2A, filters, metadata);
      }
      List<WeightedBackend> backends = new ArrayList<>();
      for (RouteBackend rb : route.getBackendsList()) {
        backends.add(new WeightedBackend(backend(rb, routeTls, index), rb.getWeight()));
      }
      filters.add(
          new OrderedGatewayFilter(
              new BackendSelectionFilter(backends), io.agw.gateway.http.FilterOrder.BACKEND));
      if (backends.stream().anyMatch(b -> b.backend().llm() != null)) {
        filters.add(
            new OrderedGatewayFilter(
                llm.errorFormatFilter(aiPolicy),
                io.agw.gateway.http.FilterOrder.CLIENT_ERROR_FORMAT));
        filters.add(
            new OrderedGatewayFilter(llm.filter(aiPolicy), io.agw.gateway.http.FilterOrder.LLM));
        filters.add(
            new OrderedGatewayFilter(
                llm.dispatchFilter(retry == null ? null : retry.getRetry()),
                io.agw.gateway.http.FilterOrder.LLM_DISPATCH));
        filters.add(
            new OrderedGatewayFilter(
                llm.responseFilter(), io.agw.gateway.http.FilterOrder.LLM_RESPONSE));
        filters.add(
            new OrderedGatewayFilter(
                llm.localAnswerFilter(), io.agw.gateway.http.FilterOrder.LLM_LOCAL_ANSWER));
      } else {
        if (aiPolicy != null) {
          throw new IllegalArgumentException("the ai policy needs an ai backend on the route");
        }
        if (retry != null) {
          policyFilters.add(route.getKey(), retry, filters, metadata);
        }
      }
      if (backends.stream().anyMatch(b -> b.backend().mcp() != null)) {
        filters.add(
            new OrderedGatewayFilter(
                mcp.filter(mcpAuthorization, dnsProtected(route, index)),
                io.agw.gateway.http.FilterOrder.MCP));
      } else if (mcpAuthorization != null) {
        throw new IllegalArgumentException(
            "the mcpAuthorization policy needs an mcp backend on the route");
      } else if (route.getPoliciesList().stream().anyMatch(PolicySpec::hasMcpAuthentication)) {
        throw new IllegalArgumentException(
            "the mcpAuthentication policy needs an mcp backend on the route");
      }
      String key = route.getKey();
      var scgRoute =
          org.springframework.cloud.gateway.route.Route.async()
              .id(key)
              .uri(UNUSED_ROUTE_URI)
              .order((int) route.getOrder())
              .predicate(exchange -> RouterBuilder.isRouteOf(exchange, key))
              .filters(filters)
              .metadata(metadata)
              .build();
      String name = route.getName().isEmpty() ? key : route.getName();
      CompiledRoute compiled = new CompiledRoute(key, name, listener.getName(), scgRoute);
      routers.get((int) bind.getPort()).add(listener, route, compiled);
      out.add(compiled);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  /**
   * Whether the backends of {@code route} make it an A2A route: all of them carry {@code a2a} (on
   * the Backend resource or on the route's reference). A route where only some do is refused: the
   * policy runs before the backend is chosen, so it cannot apply to some attempts only.
   */
  private static boolean backendsMarkA2a(Route route, Index index) {
    List<RouteBackend> refs = route.getBackendsList();
    long marked =
        refs.stream()
            .filter(
                rb -> {
                  var resource = index.backends.get(rb.getBackendKey());
                  return rb.getPoliciesList().stream().anyMatch(PolicySpec::hasA2A)
                      || resource != null
                          && resource.getPoliciesList().stream().anyMatch(PolicySpec::hasA2A);
                })
            .count();
    if (marked > 0 && marked < refs.size()) {
      throw new IllegalArgumentException(
          "a2a is set on some but not all backends of the route, which is not supported; set it on"
              + " every backend or on the route");
    }
    return marked > 0;
  }

  /** The keys of the route's mcp backends with {@code dnsRebindingProtection}. */
  private static java.util.Set<String> dnsProtected(Route route, Index index) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (RouteBackend rb : route.getBackendsList()) {
      var resource = index.backends.get(rb.getBackendKey());
      if (resource != null && resource.hasMcp() && resource.getMcp().getDnsRebindingProtection()) {
        keys.add(rb.getBackendKey());
      }
    }
    return java.util.Set.copyOf(keys);
  }

  private Backend backend(RouteBackend rb, BackendTls routeTls, Index index) {
    var resource = index.backends.get(rb.getBackendKey());
    if (resource == null) {
      throw new IllegalArgumentException("unknown backend " + rb.getBackendKey());
    }
    BackendTls tls = routeTls;
    List<Consumer<HttpHeaders>> headers = new ArrayList<>();
    List<PolicySpec> policies = new ArrayList<>(resource.getPoliciesList());
    policies.addAll(rb.getPoliciesList());
    for (PolicySpec spec : policies) {
      if (spec.hasBackendTls()) {
        tls = spec.getBackendTls();
      }
      if (spec.hasRequestHeaderModifier()) {
        headers.add(h -> HeaderModifiers.apply(spec.getRequestHeaderModifier(), h));
      }
      if (spec.hasBackendAuth()) {
        headers.add(llm.bearer(resource.getKey(), spec.getBackendAuth()));
      }
    }
    return switch (resource.getKindCase()) {
      case AI -> {
        List<PolicySpec> inherited = new ArrayList<>();
        if (routeTls != null) {
          inherited.add(PolicySpec.newBuilder().setBackendTls(routeTls).build());
        }
        inherited.addAll(policies);
        String name = resource.getName().isEmpty() ? resource.getKey() : resource.getName();
        yield llm.backends().backend(resource.getKey(), name, resource.getAi(), inherited);
      }
      case STATIC -> {
        var s = resource.getStatic();
        String scheme = tls == null ? "http" : "https";
        URI base = URI.create(scheme + "://" + hostForUri(s.getHost()) + ":" + s.getPort());
        var client = tls == null ? clients.plain() : clients.secured(tls);
        if (tls != null) {
          BackendClients.sslContext(tls); // fail the state now on unreadable certificates
        }
        String name = resource.getName().isEmpty() ? resource.getKey() : resource.getName();
        yield new Backend(resource.getKey(), name, base, client, List.copyOf(headers));
      }
      case MCP -> {
        if (mcp == null) {
          throw new IllegalArgumentException(
              "backend " + resource.getKey() + ": mcp backends are not available");
        }
        String name = resource.getName().isEmpty() ? resource.getKey() : resource.getName();
        yield new Backend(
            resource.getKey(),
            name,
            UNUSED_ROUTE_URI,
            clients.plain(),
            List.of(),
            null,
            mcp.service(resource.getKey(), resource.getMcp()));
      }
      case SERVICE ->
          throw new IllegalArgumentException(
              "backend "
                  + resource.getKey()
                  + ": service backends need service discovery, which is not available yet");
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("backend " + resource.getKey() + " has no kind");
    };
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The resources of one set, by kind and key. */
  private record Index(
      Map<String, Bind> binds,
      Map<String, Listener> listeners,
      Map<String, Route> routes,
      Map<String, io.agw.model.resource.v1.Backend> backends,
      List<String> unsupported) {

    static Index of(Iterable<Resource> resources) {
      Index index =
          new Index(
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new LinkedHashMap<>(),
              new ArrayList<>());
      for (Resource r : resources) {
        switch (r.getKindCase()) {
          case BIND -> index.binds.put(r.getBind().getKey(), r.getBind());
          case LISTENER -> index.listeners.put(r.getListener().getKey(), r.getListener());
          case ROUTE -> index.routes.put(r.getRoute().getKey(), r.getRoute());
          case BACKEND -> index.backends.put(r.getBackend().getKey(), r.getBackend());
          case TCP_ROUTE, POLICY -> index.unsupported.add(r.getKey());
          // Kept in the state and the config dump for the features that consume them.
          case ROUTE_GROUP, WORKLOAD, SERVICE, KIND_NOT_SET -> {}
        }
      }
      return index;
    }
  }
}
