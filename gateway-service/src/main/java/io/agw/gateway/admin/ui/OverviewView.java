package io.agw.gateway.admin.ui;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/overview}. Times are ISO-8601 instants (UTC).
 *
 * @param lastRefused the last configuration the gateway refused, or null if it never refused one
 */
record OverviewView(
    Gateway gateway,
    List<Listener> listeners,
    List<Route> routes,
    List<Backend> backends,
    Reload reload,
    Refused lastRefused) {

  /**
   * @param configSource {@code builtin}, {@code file} or {@code controlPlane}
   * @param configPath the configuration file, or null
   */
  record Gateway(
      String version, String startedAt, String configSource, String configPath, int adminPort) {}

  record Listener(
      String name, String gateway, int port, String protocol, String hostname, boolean tls) {}

  /**
   * @param pathPrefix the path a client calls (the first match's prefix or exact path)
   * @param kind {@code llm}, {@code mcp}, {@code a2a} or {@code http}
   * @param policies the kinds of the policies of the route and its listener
   */
  record Route(
      String key,
      String name,
      String listener,
      int port,
      List<String> hostnames,
      String pathPrefix,
      String kind,
      List<String> backends,
      List<String> policies) {}

  /**
   * A backend and its health: {@code ejected} when an endpoint of it is out of the choice.
   *
   * @param ejectedUntil when the last ejection of its endpoints ends, or null
   * @param consecutiveFailures the most failures in a row of any of its endpoints
   * @param endpoints the provider endpoints of an {@code ai} backend (empty for other kinds)
   */
  record Backend(
      String name,
      String kind,
      String target,
      String state,
      String ejectedUntil,
      int consecutiveFailures,
      List<Endpoint> endpoints) {}

  record Endpoint(
      String name, String target, String state, String ejectedUntil, int consecutiveFailures) {}

  record Reload(long version, String appliedAt, String source) {}

  record Refused(String at, String source, List<ErrorView> errors) {}
}
