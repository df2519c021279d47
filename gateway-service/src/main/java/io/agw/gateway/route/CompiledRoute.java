package io.agw.gateway.route;

import org.springframework.cloud.gateway.route.Route;

/**
 * A route of the current state, ready to serve: its identity for logs and metrics and the Spring
 * Cloud Gateway {@link Route} (filters included) that handles it. Immutable.
 *
 * @param key the Route resource's key
 * @param name the route's name (or its key when unnamed)
 * @param listener the name of the listener it is attached to
 * @param route the Spring Cloud Gateway route
 * @param delegate for a route that delegates to a route group, the router over the group's routes
 *     (compiled for this route) that chooses the one serving the request; null otherwise
 */
public record CompiledRoute(
    String key, String name, String listener, Route route, PortRouter delegate) {

  /** A route that serves requests itself. */
  public CompiledRoute(String key, String name, String listener, Route route) {
    this(key, name, listener, route, null);
  }
}
