package io.agw.gateway.route;

import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * Collects the routes of one port into a {@link PortRouter}. A route is indexed under each of its
 * effective hostnames: its own hostnames narrowed to its listener's hostname (Gateway API
 * intersection), or the listener's hostname when it has none. Not thread-safe; used while a state
 * is built.
 */
public final class RouterBuilder {

  private final HostIndex.Builder<PathIndex.Builder<CompiledRoute>> hosts = HostIndex.builder();

  /**
   * Adds a route.
   *
   * @throws IllegalArgumentException when a match cannot be compiled (for example a bad regex)
   */
  public void add(Listener listener, Route route, CompiledRoute compiled) {
    List<RouteMatch> matches = route.getMatchesList();
    if (matches.isEmpty()) {
      matches = List.of(RouteMatch.getDefaultInstance());
    }
    for (String host : effectiveHostnames(listener.getHostname(), route.getHostnamesList())) {
      PathIndex.Builder<CompiledRoute> paths = hosts.computeIfAbsent(host, PathIndex::builder);
      for (RouteMatch match : matches) {
        RequestConditions conditions = RequestConditions.compile(match);
        int order = (int) route.getOrder();
        var path = match.getPath();
        switch (path.getKindCase()) {
          case EXACT -> paths.exact(path.getExact(), conditions, order, compiled);
          case PREFIX -> paths.prefix(path.getPrefix(), conditions, order, compiled);
          case REGEX -> paths.regex(path.getRegex(), conditions, order, compiled);
          case KIND_NOT_SET -> paths.prefix("/", conditions, order, compiled);
        }
      }
    }
  }

  public PortRouter build() {
    return new PortRouter(hosts.build(PathIndex.Builder::build));
  }

  /** The route predicate of compiled routes: true only for the route the router chose. */
  public static boolean isRouteOf(ServerWebExchange exchange, String routeKey) {
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    return match != null && match.route().key().equals(routeKey);
  }

  static List<String> effectiveHostnames(String listenerHost, List<String> routeHosts) {
    boolean anyListener = listenerHost.isEmpty() || listenerHost.equals("*");
    if (routeHosts.isEmpty()) {
      return List.of(anyListener ? "*" : listenerHost);
    }
    if (anyListener) {
      return routeHosts;
    }
    List<String> out = new ArrayList<>();
    boolean listenerWildcard = listenerHost.startsWith("*.");
    for (String h : routeHosts) {
      if (!h.startsWith("*.")) {
        if (HostIndex.matches(listenerHost, h)) {
          out.add(h);
        }
      } else if (!listenerWildcard) {
        if (HostIndex.matches(h, listenerHost)) {
          out.add(listenerHost);
        }
      } else {
        String routeSuffix = HostIndex.normalize(h.substring(1));
        String listenerSuffix = HostIndex.normalize(listenerHost.substring(1));
        if (routeSuffix.endsWith(listenerSuffix)) {
          out.add(h);
        } else if (listenerSuffix.endsWith(routeSuffix)) {
          out.add(listenerHost);
        }
      }
    }
    return out;
  }
}
