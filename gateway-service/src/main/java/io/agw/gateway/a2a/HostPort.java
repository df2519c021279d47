package io.agw.gateway.a2a;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host and an optional port parsed from a {@code Host} or {@code X-Forwarded-Host} value.
 *
 * <p>The host is kept without IPv6 brackets; {@link #authorityHost()} adds them back. Values with
 * characters that cannot appear in a host (a path, user info, spaces) are rejected, so a forged
 * header cannot smuggle a different URL into a rewritten agent card.
 *
 * @param host host name or IP literal, lower-cased, never blank
 * @param port the port, or {@code -1} when the value named none
 */
record HostPort(String host, int port) {

  private static final Pattern REG_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?");

  HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < -1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; empty if invalid.
   */
  static Optional<HostPort> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      String host = v.substring(1, close);
      String rest = v.substring(close + 1);
      if (!IPV6.matcher(host).matches() || !host.contains(":")) {
        return Optional.empty();
      }
      if (rest.isEmpty()) {
        return Optional.of(new HostPort(host.toLowerCase(Locale.ROOT), -1));
      }
      return rest.startsWith(":") ? withPort(host, rest.substring(1)) : Optional.empty();
    }
    int colon = v.indexOf(':');
    if (colon >= 0 && v.indexOf(':', colon + 1) >= 0) {
      // A bare IPv6 literal is not valid in Host; refuse rather than guess where the port is.
      return Optional.empty();
    }
    String host = colon < 0 ? v : v.substring(0, colon);
    if (!REG_NAME.matcher(host).matches()) {
      return Optional.empty();
    }
    return colon < 0
        ? Optional.of(new HostPort(host.toLowerCase(Locale.ROOT), -1))
        : withPort(host, v.substring(colon + 1));
  }

  /** Parses a decimal port in 1..65535; empty otherwise. */
  static Optional<Integer> parsePort(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.isEmpty() || v.length() > 5 || !v.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int port = Integer.parseInt(v);
    return port >= 1 && port <= 65_535 ? Optional.of(port) : Optional.empty();
  }

  /** The host as it appears in a URL authority: IPv6 literals in brackets. */
  String authorityHost() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static Optional<HostPort> withPort(String host, String port) {
    return parsePort(port).map(p -> new HostPort(host.toLowerCase(Locale.ROOT), p));
  }
}
