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
 */
public record CompiledRoute(String key, String name, String listener, Route route) {}
