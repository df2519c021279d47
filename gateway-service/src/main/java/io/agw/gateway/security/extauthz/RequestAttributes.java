package io.agw.gateway.security.extauthz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client request's headers as the authorization service is sent them: names in lower case,
 * repeated values joined with {@code ", "} ({@code "; "} for cookies, as Envoy), and the
 * pseudo-headers {@code :method}, {@code :path}, {@code :authority}, {@code :scheme}.
 */
final class RequestAttributes {

  private RequestAttributes() {}

  static String scheme(ServerHttpRequest request) {
    if (request.getSslInfo() != null) {
      return "https";
    }
    String forwarded = request.getHeaders().getFirst("x-forwarded-proto");
    return "https".equalsIgnoreCase(forwarded) ? "https" : "http";
  }

  static String authority(ServerHttpRequest request) {
    String host = request.getHeaders().getFirst(HttpHeaders.HOST);
    return host != null ? host : String.valueOf(request.getURI().getRawAuthority());
  }

  static String pathAndQuery(ServerHttpRequest request) {
    String query = request.getURI().getRawQuery();
    return request.getURI().getRawPath() + (query == null ? "" : "?" + query);
  }

  /** One header or pseudo-header by its lower-case name, or null when absent. */
  static String value(ServerHttpRequest request, String name) {
    return switch (name) {
      case ":method" -> request.getMethod().name();
      case ":path" -> pathAndQuery(request);
      case ":authority" -> authority(request);
      case ":scheme" -> scheme(request);
      default -> {
        List<String> values = request.getHeaders().get(name);
        if (values == null || values.isEmpty()) {
          yield null;
        }
        yield String.join(name.equals("cookie") ? "; " : ", ", values);
      }
    };
  }

  /** The named headers, or (for an empty list) every header and the pseudo-headers. */
  static Map<String, String> headers(ServerHttpRequest request, List<String> included) {
    Map<String, String> out = new LinkedHashMap<>();
    if (included.isEmpty()) {
      for (String pseudo : List.of(":authority", ":method", ":path", ":scheme")) {
        out.put(pseudo, value(request, pseudo));
      }
      for (String name : request.getHeaders().headerNames()) {
        String lower = name.toLowerCase(Locale.ROOT);
        out.put(lower, value(request, lower));
      }
      return out;
    }
    for (String name : included) {
      String value = value(request, name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }
}
