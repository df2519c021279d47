package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.ArrayList;
import java.util.List;

/** Gateway API hostname and namespace rules for attaching a route to a listener. */
final class Hostnames {

  private Hostnames() {}

  /** Whether the listener's {@code allowedRoutes} admit a route from {@code routeNamespace}. */
  static boolean allowed(Listener listener, String gatewayNamespace, String routeNamespace) {
    String from = "Same";
    if (listener.getAllowedRoutes() != null
        && listener.getAllowedRoutes().getNamespaces() != null) {
      String f = listener.getAllowedRoutes().getNamespaces().getFrom();
      from = f == null ? "Same" : f;
    }
    // "Selector" needs the namespaces' labels, which the view does not carry yet: not admitted.
    return from.equals("All") || (from.equals("Same") && gatewayNamespace.equals(routeNamespace));
  }

  /**
   * The route hostnames the listener serves: empty when either side accepts any host (the
   * listener's own hostname then applies), null when they have no host in common.
   */
  static List<String> intersection(String listenerHost, List<String> routeHosts) {
    if (routeHosts.isEmpty() || listenerHost == null || listenerHost.isEmpty()) {
      return routeHosts.isEmpty() ? List.of() : routeHosts;
    }
    List<String> out = new ArrayList<>();
    for (String h : routeHosts) {
      if (matches(listenerHost, h)) {
        out.add(h);
      } else if (matches(h, listenerHost)) {
        // A wildcard route hostname narrowed by a specific listener: the listener's host.
        out.add(listenerHost);
      }
    }
    return out.isEmpty() ? null : out.stream().distinct().toList();
  }

  /** Whether {@code pattern} (exact or {@code *.suffix}) covers {@code host}. */
  private static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      return host.endsWith(pattern.substring(1)) && !host.equals(pattern.substring(2));
    }
    return pattern.equalsIgnoreCase(host);
  }
}
