package io.agw.model.config.mapping;

/**
 * A backend address written as {@code host:port}; an IPv6 address goes in brackets, as in {@code
 * [::1]:8080}, and is kept without them in {@link #host()}.
 */
record HostPort(String host, int port) {

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message for the user when it is not {@code host:port}
   */
  static HostPort parse(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("host '" + text + "' has '[' without ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw missingPort(text);
      }
      port = rest.substring(1);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw missingPort(text);
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.contains(":")) {
        throw new IllegalArgumentException(
            "host '" + text + "': write an IPv6 address in brackets, as in [::1]:8080");
      }
    }
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("host '" + text + "' has no valid host name");
    }
    return new HostPort(host, parsePort(text, port));
  }

  private static int parsePort(String text, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("host '" + text + "' has an invalid port '" + port + "'");
    }
    int value = Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException(
          "host '" + text + "' has port " + value + "; a port is from 1 to 65535");
    }
    return value;
  }

  private static IllegalArgumentException missingPort(String text) {
    return new IllegalArgumentException(
        "host '" + text + "' has no port; write it as host:port, for example " + example(text));
  }

  private static String example(String text) {
    return text.contains(":") && !text.startsWith("[") ? "[" + text + "]:80" : text + ":80";
  }
}
