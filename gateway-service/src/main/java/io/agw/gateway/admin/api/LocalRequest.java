package io.agw.gateway.admin.api;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Whether a request to the admin port comes from a browser or tool on this machine, talking to it
 * directly: the peer is a loopback address, no proxy header says it was relayed ({@code Forwarded},
 * {@code X-Forwarded-For}: a request relayed by one of the gateway's own listeners always carries
 * one), and the {@code Host} is {@code localhost}, {@code 127.0.0.1} or {@code [::1]} with any
 * port. The Host check defeats DNS rebinding, where a page of another site reaches the loopback
 * address under its own host name. Stateless.
 */
final class LocalRequest {

  private LocalRequest() {}

  static boolean isLocal(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
      return false;
    }
    HttpHeaders headers = request.getHeaders();
    if (headers.containsHeader("Forwarded") || headers.containsHeader("X-Forwarded-For")) {
      return false;
    }
    return localHost(headers.get(HttpHeaders.HOST));
  }

  private static boolean localHost(java.util.List<String> values) {
    if (values == null || values.size() != 1) {
      return false;
    }
    String host = values.get(0).trim().toLowerCase(Locale.ROOT);
    String name;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        return false;
      }
      name = host.substring(0, end + 1);
      if (!validPort(host.substring(end + 1))) {
        return false;
      }
    } else {
      int colon = host.indexOf(':');
      name = colon < 0 ? host : host.substring(0, colon);
      if (colon >= 0 && !validPort(host.substring(colon))) {
        return false;
      }
    }
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  /** Empty, or a colon followed by digits. */
  private static boolean validPort(String rest) {
    if (rest.isEmpty()) {
      return true;
    }
    return rest.length() > 1
        && rest.length() <= 6
        && rest.charAt(0) == ':'
        && rest.substring(1).chars().allMatch(Character::isDigit);
  }
}
