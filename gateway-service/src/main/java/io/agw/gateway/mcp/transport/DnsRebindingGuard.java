package io.agw.gateway.mcp.transport;

import io.agw.gateway.backend.Backend;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code dnsRebindingProtection} of an mcp backend: before the MCP server filter runs, a request to
 * a protected backend whose {@code Host} is not {@code localhost}, {@code 127.0.0.1} or {@code
 * [::1]} (any port), or whose {@code Origin}, when present, is not an origin on one of those hosts,
 * is refused with 403 and a JSON-RPC error, and no target is contacted. This stops a web page whose
 * domain an attacker re-pointed at 127.0.0.1 from driving an MCP server on the user's machine
 * through the browser. Immutable; thread-safe.
 */
public final class DnsRebindingGuard implements GatewayFilter {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> protectedBackends;
  private final GatewayFilter next;

  /**
   * @param protectedBackends keys of the route's backends with the protection on
   * @param next the MCP server filter
   */
  public DnsRebindingGuard(Set<String> protectedBackends, GatewayFilter next) {
    this.protectedBackends = Set.copyOf(protectedBackends);
    this.next = next;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Backend chosen = exchange.getAttribute(Backend.ATTRIBUTE);
    if (chosen != null
        && protectedBackends.contains(chosen.key())
        && !isLocal(exchange.getRequest().getHeaders())) {
      // The body is read (and dropped) first: closing a connection with unread request bytes
      // resets it, and the client could lose the 403 it is owed.
      return exchange
          .getRequest()
          .getBody()
          .doOnNext(DataBufferUtils::release)
          .then(
              Mono.defer(
                  () ->
                      McpHttp.rejection(
                          exchange,
                          HttpStatus.FORBIDDEN,
                          ErrorCodes.INVALID_REQUEST,
                          "Forbidden: this MCP server accepts only localhost Host and Origin"
                              + " headers")));
    }
    return next.filter(exchange, chain);
  }

  /** Whether the Host, and the Origin when there is one, name a localhost address. */
  static boolean isLocal(HttpHeaders headers) {
    String host = headers.getFirst(HttpHeaders.HOST);
    if (host == null || !LOCAL_HOSTS.contains(hostName(host))) {
      return false;
    }
    String origin = headers.getFirst(HttpHeaders.ORIGIN);
    if (origin == null) {
      return true;
    }
    try {
      URI uri = new URI(origin.trim());
      String originHost = uri.getHost();
      return uri.getScheme() != null
          && originHost != null
          && LOCAL_HOSTS.contains(originHost.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      // "null" (opaque origins) and anything unreadable are not localhost.
      return false;
    }
  }

  /** The host of a Host header without its port: {@code [::1]:3000} is {@code [::1]}. */
  static String hostName(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  @Override
  public String toString() {
    return "DnsRebindingGuard" + protectedBackends + " -> " + next;
  }
}
