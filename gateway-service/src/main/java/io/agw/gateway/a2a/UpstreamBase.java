package io.agw.gateway.a2a;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a route sends an agent's traffic: the upstream origin and the upstream path that the
 * route's public prefix maps to.
 *
 * <p>Without a path rewrite the upstream sees the gateway path unchanged, so the base path is the
 * route's match prefix. With a prefix rewrite ({@code /agents/weather} to {@code /}) the base path
 * is the replacement. A URL at {@code basePath + rest} upstream is reachable at {@code prefix +
 * rest} on the gateway. Immutable and thread-safe.
 *
 * @param origin upstream scheme, host and port; its path is ignored, as backends are host and port
 * @param basePath raw upstream path the public prefix maps to, normalized like {@link
 *     PublicAddress#pathPrefix()} (empty for the root)
 */
public record UpstreamBase(URI origin, String basePath) {

  public UpstreamBase {
    Objects.requireNonNull(origin, "origin");
    if (origin.getScheme() == null || origin.getHost() == null) {
      throw new IllegalArgumentException("upstream must be an absolute URI: " + origin);
    }
    basePath = PublicAddress.normalizePrefix(basePath);
  }

  /**
   * The upstream of a route.
   *
   * @param upstream the URL the gateway forwards to (only scheme, host and port are used)
   * @param routePrefix the path prefix the route matches, or {@code null} for the root
   * @param rewrittenPrefix what the route's prefix rewrite replaces {@code routePrefix} with, or
   *     {@code null} when the route does not rewrite the path
   */
  public static UpstreamBase of(URI upstream, String routePrefix, String rewrittenPrefix) {
    return new UpstreamBase(upstream, rewrittenPrefix != null ? rewrittenPrefix : routePrefix);
  }

  /** Whether {@code uri} has this upstream's scheme, host and effective port. */
  boolean sameOrigin(URI uri) {
    return uri.getScheme() != null
        && uri.getHost() != null
        && uri.getScheme().equalsIgnoreCase(origin.getScheme())
        && uri.getHost().toLowerCase(Locale.ROOT).equals(origin.getHost().toLowerCase(Locale.ROOT))
        && effectivePort(uri) == effectivePort(origin);
  }

  /**
   * The part of {@code rawPath} below the base path ({@code ""} or starting with {@code /}), or
   * {@code null} when the path lies outside it.
   */
  String relativePath(String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    if (basePath.isEmpty()) {
      return path;
    }
    if (path.equals(basePath) || path.startsWith(basePath + "/")) {
      return path.substring(basePath.length());
    }
    return null;
  }

  private static int effectivePort(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : PublicAddress.defaultPort(uri.getScheme());
  }
}
