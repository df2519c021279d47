package io.agw.gateway.admin.ui;

import io.agw.gateway.llm.balance.Endpoint;
import io.agw.gateway.llm.balance.Endpoints;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the overview from the state that serves traffic, the LLM endpoints' live health and the
 * store's last refusal. Reads only; thread-safe.
 */
final class OverviewBuilder {

  private final ResourceStore store;
  private final Endpoints endpoints;

  OverviewBuilder(ResourceStore store, Endpoints endpoints) {
    this.store = store;
    this.endpoints = endpoints;
  }

  OverviewView build(OverviewView.Gateway gateway, String gatewayName) {
    GatewayState state = store.current();
    List<OverviewView.Listener> listeners = new ArrayList<>();
    List<OverviewView.Route> routes = new ArrayList<>();
    List<OverviewView.Backend> backends = new ArrayList<>();
    OverviewView.Reload reload = null;
    if (state != null) {
      Index index = Index.of(state.resources().values());
      index.listeners.values().stream()
          .sorted(Comparator.comparing(Listener::getKey))
          .forEach(l -> listeners.add(listener(l, index, gatewayName)));
      index.routes.values().stream()
          .sorted(Comparator.comparingInt(Route::getOrder).thenComparing(Route::getKey))
          .forEach(r -> routes.add(route(r, index)));
      index.backends.values().stream()
          .sorted(Comparator.comparing(Backend::getKey))
          .forEach(b -> backends.add(backend(b)));
      reload =
          new OverviewView.Reload(state.version(), state.appliedAt().toString(), state.source());
    }
    ResourceStore.Refusal refusal = store.latestRefusal();
    OverviewView.Refused refused =
        refusal == null
            ? null
            : new OverviewView.Refused(
                refusal.at().toString(),
                refusal.source(),
                refusal.errors().stream().map(ErrorView::of).toList());
    return new OverviewView(gateway, listeners, routes, backends, reload, refused);
  }

  private static OverviewView.Listener listener(Listener l, Index index, String gatewayName) {
    Bind bind = index.binds.get(l.getBindKey());
    String protocol =
        l.getProtocol() == Listener.Protocol.PROTOCOL_UNSPECIFIED ? "HTTP" : l.getProtocol().name();
    return new OverviewView.Listener(
        l.getName().isEmpty() ? l.getKey() : l.getName(),
        gatewayName,
        bind == null ? 0 : (int) bind.getPort(),
        protocol,
        l.getHostname().isEmpty() ? null : l.getHostname(),
        l.hasTls());
  }

  private static OverviewView.Route route(Route r, Index index) {
    Listener listener = index.listeners.get(r.getListenerKey());
    Bind bind = listener == null ? null : index.binds.get(listener.getBindKey());
    List<String> backendNames = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>();
    for (var rb : r.getBackendsList()) {
      Backend backend = index.backends.get(rb.getBackendKey());
      backendNames.add(backend == null ? rb.getBackendKey() : name(backend));
      if (backend != null) {
        kinds.add(backend.getKindCase().name());
      }
    }
    Set<String> policies = new LinkedHashSet<>();
    if (listener != null) {
      listener.getPoliciesList().forEach(p -> policies.add(policyName(p)));
    }
    r.getPoliciesList().forEach(p -> policies.add(policyName(p)));
    String kind =
        kinds.contains("AI")
            ? "llm"
            : kinds.contains("MCP") ? "mcp" : policies.contains("a2a") ? "a2a" : "http";
    return new OverviewView.Route(
        r.getKey(),
        r.getName().isEmpty() ? r.getKey() : r.getName(),
        listener == null
            ? null
            : (listener.getName().isEmpty() ? listener.getKey() : listener.getName()),
        bind == null ? 0 : (int) bind.getPort(),
        r.getHostnamesList(),
        pathPrefix(r),
        kind,
        backendNames,
        List.copyOf(policies));
  }

  private static String pathPrefix(Route r) {
    for (RouteMatch match : r.getMatchesList()) {
      if (match.hasPath()) {
        var path = match.getPath();
        switch (path.getKindCase()) {
          case PREFIX -> {
            return path.getPrefix();
          }
          case EXACT -> {
            return path.getExact();
          }
          default -> {}
        }
      }
    }
    return "/";
  }

  /** A policy's kind in agentgateway's spelling: {@code API_KEY} is {@code apiKey}. */
  static String policyName(PolicySpec spec) {
    String[] words = spec.getKindCase().name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder out = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return out.toString();
  }

  private static String name(Backend b) {
    return b.getName().isEmpty() ? b.getKey() : b.getName();
  }

  private OverviewView.Backend backend(Backend b) {
    String kind = b.getKindCase().name().toLowerCase(Locale.ROOT);
    List<OverviewView.Endpoint> health = new ArrayList<>();
    if (b.hasAi()) {
      Map<String, String> targets = new HashMap<>();
      for (var group : b.getAi().getGroupsList()) {
        for (AiProvider p : group.getProvidersList()) {
          targets.put(
              p.getName(),
              p.getHostOverride().isEmpty()
                  ? p.getKindCase().name().toLowerCase(Locale.ROOT)
                  : p.getHostOverride());
        }
      }
      endpoints
          .withPrefix(b.getKey() + "/")
          .forEach((key, endpoint) -> health.add(endpoint(key, endpoint, targets)));
    }
    String ejectedUntil =
        health.stream()
            .map(OverviewView.Endpoint::ejectedUntil)
            .filter(java.util.Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    int failures =
        health.stream().mapToInt(OverviewView.Endpoint::consecutiveFailures).max().orElse(0);
    return new OverviewView.Backend(
        name(b),
        kind,
        target(b),
        ejectedUntil == null ? "healthy" : "ejected",
        ejectedUntil,
        failures,
        health);
  }

  private static OverviewView.Endpoint endpoint(
      String key, Endpoint endpoint, Map<String, String> targets) {
    long ejectedFor = endpoint.ejectedForNanos();
    String until = ejectedFor > 0 ? Instant.now().plusNanos(ejectedFor).toString() : null;
    int at = key.indexOf('@');
    return new OverviewView.Endpoint(
        endpoint.name(),
        at < 0 ? targets.get(endpoint.name()) : key.substring(at + 1),
        until == null ? "healthy" : "ejected",
        until,
        endpoint.consecutiveFailures());
  }

  private static String target(Backend b) {
    return switch (b.getKindCase()) {
      case STATIC -> b.getStatic().getHost() + ":" + b.getStatic().getPort();
      case SERVICE -> b.getService().getService() + ":" + b.getService().getPort();
      case AI ->
          String.join(
              ", ",
              b.getAi().getGroupsList().stream()
                  .flatMap(g -> g.getProvidersList().stream())
                  .map(AiProvider::getName)
                  .toList());
      case MCP ->
          String.join(", ", b.getMcp().getTargetsList().stream().map(t -> t.getName()).toList());
      default -> null;
    };
  }

  /** The resources of a state by kind and key. */
  private record Index(
      Map<String, Bind> binds,
      Map<String, Listener> listeners,
      Map<String, Route> routes,
      Map<String, Backend> backends) {

    static Index of(Iterable<Resource> resources) {
      Index index = new Index(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
      for (Resource r : resources) {
        switch (r.getKindCase()) {
          case BIND -> index.binds.put(r.getBind().getKey(), r.getBind());
          case LISTENER -> index.listeners.put(r.getListener().getKey(), r.getListener());
          case ROUTE -> index.routes.put(r.getRoute().getKey(), r.getRoute());
          case BACKEND -> index.backends.put(r.getBackend().getKey(), r.getBackend());
          default -> {}
        }
      }
      return index;
    }
  }
}
