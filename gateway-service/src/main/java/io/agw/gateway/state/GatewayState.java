package io.agw.gateway.state;

import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PortRouter;
import io.agw.model.resource.v1.FrontendPolicies;
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

  /**
   * A port to listen on, for HTTPS its server certificates, and the file's {@code frontendPolicies}
   * (empty when none).
   */
  public record BindSpec(int port, BindTls tls, List<String> listeners, FrontendPolicies frontend) {

    public BindSpec {
      frontend = frontend == null ? FrontendPolicies.getDefaultInstance() : frontend;
    }

    /** A port without frontend policies. */
    public BindSpec(int port, BindTls tls, List<String> listeners) {
      this(port, tls, listeners, null);
    }

    /**
     * Whether {@code other} can be served by the socket bound for this spec: both plain or both
     * TLS, with the same settings fixed when the socket is bound (the HTTP/1 idle timeout, the TLS
     * handshake timeout, the HTTP/2 settings and the ALPN protocols). Certificates, TLS versions
     * and ciphers, header limits and TCP keepalives can change without a rebind: they are read for
     * each new connection.
     */
    public boolean sameListenerSetup(BindSpec other) {
      return other != null
          && (tls == null) == (other.tls == null)
          && frontend
              .getHttp()
              .getHttp1IdleTimeout()
              .equals(other.frontend.getHttp().getHttp1IdleTimeout())
          && frontend
              .getTls()
              .getHandshakeTimeout()
              .equals(other.frontend.getTls().getHandshakeTimeout())
          && http2Setup(frontend).equals(http2Setup(other.frontend))
          && TlsProfile.alpn(frontend.getTls()).equals(TlsProfile.alpn(other.frontend.getTls()));
    }

    /** The HTTP/2 settings of {@code frontendPolicies.http}, fixed when the socket is bound. */
    private static List<Object> http2Setup(FrontendPolicies frontend) {
      var h = frontend.getHttp();
      return List.of(
          h.hasHttp2WindowSize() ? h.getHttp2WindowSize() : -1,
          h.hasHttp2ConnectionWindowSize() ? h.getHttp2ConnectionWindowSize() : -1,
          h.hasHttp2FrameSize() ? h.getHttp2FrameSize() : -1,
          h.hasHttp2MaxHeaderSize() ? h.getHttp2MaxHeaderSize() : -1,
          h.getHttp2KeepaliveInterval(),
          h.getHttp2KeepaliveTimeout());
    }
  }
}
