package io.agw.gateway.state;

import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PortRouter;
import io.agw.model.resource.v1.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One complete, validated configuration of the gateway, with everything precomputed for request
 * handling: a router per port, the compiled routes and the ports to listen on. Immutable: a request
 * reads the current state once and finishes on it, whatever is applied meanwhile.
 *
 * @param version increases with every applied change
 * @param source where the resources came from (a file path, "built-in", "xds")
 * @param appliedAt when this state became current
 * @param resources the resources it was built from, by key
 * @param binds the ports to listen on
 * @param routers the router of each port
 * @param routes every compiled route, in source order
 */
public record GatewayState(
    long version,
    String source,
    Instant appliedAt,
    Map<String, Resource> resources,
    Map<Integer, BindSpec> binds,
    Map<Integer, PortRouter> routers,
    List<CompiledRoute> routes) {

  /** A port to listen on and, for HTTPS, its server certificates. */
  public record BindSpec(int port, BindTls tls, List<String> listeners) {

    /**
     * Whether {@code other} can be served by the socket bound for this spec: both plain or both
     * TLS. Certificates can change without a rebind (SNI selection reads the current state).
     */
    public boolean sameListenerSetup(BindSpec other) {
      return other != null && (tls == null) == (other.tls == null);
    }
  }
}
