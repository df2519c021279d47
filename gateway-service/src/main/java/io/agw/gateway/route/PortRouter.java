package io.agw.gateway.route;

import io.agw.gateway.route.PathIndex.Entry;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Finds the route for a request on one port: the host picks the candidate path indexes (most
 * specific hostname first), and each index is searched in precedence order. Built once per state;
 * immutable and thread-safe.
 */
public final class PortRouter {

  private final HostIndex<PathIndex<CompiledRoute>> hosts;

  PortRouter(HostIndex<PathIndex<CompiledRoute>> hosts) {
    this.hosts = hosts;
  }

  /**
   * The matching route, or null when none matches. A route that delegates to a route group hands
   * the request to the group's routes; when none of them matches, no route does (agentgateway
   * answers 404 too, without trying other routes of the port).
   */
  public RouteMatchResult route(ServerHttpRequest request) {
    RouteMatchResult match = find(request);
    while (match != null && match.route().delegate() != null) {
      match = match.route().delegate().find(request);
    }
    return match;
  }

  private RouteMatchResult find(ServerHttpRequest request) {
    String host = hostOf(request);
    String path = request.getPath().pathWithinApplication().value();
    String method = request.getMethod().name();
    for (PathIndex<CompiledRoute> index : hosts.candidates(host)) {
      Entry<CompiledRoute> e = index.find(path, c -> c.conditions().test(method, request));
      if (e != null) {
        return new RouteMatchResult(e.target(), e.kind(), e.path());
      }
    }
    return null;
  }

  List<PathIndex<CompiledRoute>> candidates(String host) {
    return hosts.candidates(host);
  }

  private static String hostOf(ServerHttpRequest request) {
    var address = request.getHeaders().getHost();
    if (address != null) {
      return address.getHostString();
    }
    return request.getURI().getHost();
  }
}
