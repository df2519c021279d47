package io.agw.gateway.ui;

import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.ResourceStore;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code Content-Security-Policy} of the admin UI. Scripts, styles and fonts come from the UI's
 * own origin only (the Vite build emits no inline script); images and fonts may also be {@code
 * data:} URLs (Vite inlines small assets). {@code connect-src} adds the gateway's own traffic ports
 * on this host ({@code http://localhost:P http://127.0.0.1:P}, {@code https://} for a TLS port),
 * which the playgrounds call; the list follows the state in force, so a reload that adds or removes
 * a port changes it. Thread-safe: the header is computed once per state and read lock-free.
 */
final class ContentSecurityPolicy {

  private final ResourceStore store;
  private volatile Cached cached;

  private record Cached(GatewayState state, String header) {}

  ContentSecurityPolicy(ResourceStore store) {
    this.store = store;
  }

  /** The header value for the state in force. */
  String header() {
    GatewayState state = store.current();
    Cached c = cached;
    if (c == null || c.state() != state) {
      c = new Cached(state, of(state));
      cached = c;
    }
    return c.header();
  }

  static String of(GatewayState state) {
    StringBuilder connect = new StringBuilder("connect-src 'self'");
    Map<Integer, GatewayState.BindSpec> binds =
        state == null ? Map.of() : new TreeMap<>(state.binds());
    for (GatewayState.BindSpec bind : binds.values()) {
      String scheme = bind.tls() == null ? "http" : "https";
      connect.append(' ').append(scheme).append("://localhost:").append(bind.port());
      connect.append(' ').append(scheme).append("://127.0.0.1:").append(bind.port());
    }
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " font-src 'self' data:; "
        + connect
        + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }
}
