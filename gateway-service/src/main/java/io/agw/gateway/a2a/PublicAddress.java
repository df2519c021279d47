package io.agw.gateway.a2a;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a client uses to reach one gateway route: scheme, host, port and the path prefix the
 * route is exposed under.
 *
 * <p>Immutable and thread-safe. {@link #from} is pure: the caller hands it the plain request values
 * (it never reads an exchange), so the same request always yields the same address.
 *
 * @param scheme {@code http} or {@code https} (any lower-case scheme is accepted)
 * @param host host name or IP literal, IPv6 without brackets
 * @param port the effective port, default ports included (80 for http, 443 for https)
 * @param pathPrefix raw (still percent-encoded) path prefix: empty for the root, otherwise starting
 *     with {@code /} and without a trailing {@code /}
 */
public record PublicAddress(String scheme, String host, int port, String pathPrefix) {

  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");

  public PublicAddress {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (scheme.isBlank() || host.isBlank()) {
      throw new IllegalArgumentException("scheme and host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    pathPrefix = normalizePrefix(pathPrefix);
  }

  /**
   * The proxy headers that describe the client-facing request, as raw header values ({@code null}
   * when absent). Comma-separated lists (one entry per proxy hop) are allowed; the first entry, the
   * one set by the proxy closest to the client, wins.
   *
   * @param proto {@code X-Forwarded-Proto}
   * @param host {@code X-Forwarded-Host}, possibly with a port
   * @param port {@code X-Forwarded-Port}
   * @param prefix {@code X-Forwarded-Prefix}
   */
  public record ForwardedHeaders(String proto, String host, String port, String prefix) {

    /** No proxy in front of the gateway. */
    public static ForwardedHeaders none() {
      return new ForwardedHeaders(null, null, null, null);
    }
  }

  /**
   * Computes the client-facing address of a route, following the usual precedence of proxies (the
   * same as Spring's forwarded-header support):
   *
   * <ol>
   *   <li>scheme, host and port of {@code requestUri}, then host and port of the {@code Host}
   *       header when it is valid;
   *   <li>{@code X-Forwarded-Proto} replaces the scheme and resets the port to the scheme's
   *       default;
   *   <li>{@code X-Forwarded-Host} replaces the host, and the port with its own or the default;
   *   <li>{@code X-Forwarded-Port} replaces the port.
   * </ol>
   *
   * The path prefix is {@code X-Forwarded-Prefix} followed by {@code routePrefix}. Invalid header
   * values (a host with a path or user info, a non-numeric port) are ignored, never trusted.
   *
   * @param requestUri the absolute http(s) URI the gateway received
   * @param hostHeader the {@code Host} header, or {@code null}
   * @param forwarded the proxy headers; {@link ForwardedHeaders#none()} when not trusted
   * @param routePrefix the path prefix the route matches on the gateway, or {@code null} for root
   * @throws IllegalArgumentException if {@code requestUri} has no scheme or host
   */
  public static PublicAddress from(
      URI requestUri, String hostHeader, ForwardedHeaders forwarded, String routePrefix) {
    if (requestUri.getScheme() == null || requestUri.getHost() == null) {
      throw new IllegalArgumentException("request URI must be absolute: " + requestUri);
    }
    String scheme = requestUri.getScheme().toLowerCase(Locale.ROOT);
    String host = stripBrackets(requestUri.getHost());
    int port = requestUri.getPort();
    Optional<HostPort> fromHostHeader = HostPort.parse(hostHeader);
    if (fromHostHeader.isPresent()) {
      host = fromHostHeader.get().host();
      port = fromHostHeader.get().port();
    }
    Optional<String> proto = first(forwarded.proto()).filter(PublicAddress::isScheme);
    if (proto.isPresent()) {
      scheme = proto.get().toLowerCase(Locale.ROOT);
      port = -1;
    }
    Optional<HostPort> forwardedHost = first(forwarded.host()).flatMap(HostPort::parse);
    if (forwardedHost.isPresent()) {
      host = forwardedHost.get().host();
      port = forwardedHost.get().port();
    }
    Optional<Integer> forwardedPort = first(forwarded.port()).flatMap(HostPort::parsePort);
    if (forwardedPort.isPresent()) {
      port = forwardedPort.get();
    }
    String forwardedPrefix = first(forwarded.prefix()).filter(PublicAddress::isPath).orElse("");
    String prefix = joinPaths(forwardedPrefix, routePrefix);
    return new PublicAddress(scheme, host, port < 0 ? defaultPort(scheme) : port, prefix);
  }

  /** {@code scheme://host[:port]}, the port omitted when it is the scheme's default. */
  public String origin() {
    String authorityHost = host.contains(":") ? "[" + host + "]" : host;
    return port == defaultPort(scheme)
        ? scheme + "://" + authorityHost
        : scheme + "://" + authorityHost + ":" + port;
  }

  /** The origin followed by the path prefix, e.g. {@code https://gw.example/agents/weather}. */
  public String baseUrl() {
    return origin() + pathPrefix;
  }

  /** 80 for http and ws, 443 for https and wss, {@code -1} for any other scheme. */
  static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }

  /** Joins two path prefixes and normalizes the result like {@link #pathPrefix()}. */
  static String joinPaths(String left, String right) {
    return normalizePrefix(normalizePrefix(left) + normalizePrefix(right));
  }

  static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return "";
    }
    return p.startsWith("/") ? p : "/" + p;
  }

  private static Optional<String> first(String headerValue) {
    if (headerValue == null) {
      return Optional.empty();
    }
    int comma = headerValue.indexOf(',');
    String first = (comma < 0 ? headerValue : headerValue.substring(0, comma)).trim();
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  private static boolean isScheme(String value) {
    return defaultPort(value) > 0;
  }

  private static boolean isPath(String value) {
    return PATH.matcher(value).matches();
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
