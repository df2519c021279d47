package io.agw.gateway.process;

import java.net.InetSocketAddress;

/** Parses a listen address property: {@code host:port}, {@code [v6]:port} or {@code off}. */
final class ListenAddresses {

  private ListenAddresses() {}

  /**
   * The address, or null when {@code text} is empty or {@code off}.
   *
   * @throws IllegalArgumentException when the text is not host:port
   */
  static InetSocketAddress parse(String property, String text) {
    if (text == null || text.isBlank() || text.trim().equals("off")) {
      return null;
    }
    String value = text.trim();
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          property + " must be host:port or off, not '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return InetSocketAddress.createUnresolved(
          host.equals("localhost") ? "127.0.0.1" : host,
          Integer.parseInt(value.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          property + " must be host:port or off, not '" + text + "'");
    }
  }
}
