package io.agw.gateway.backendauth;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.agw.model.resource.v1.CredentialLocation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a credential where a {@link CredentialLocation} says, replacing what the client sent
 * there: a header (value after the prefix), a query parameter of the upstream URL, or a cookie
 * (other cookies kept). An expression location only reads, so the configuration mapper refuses it
 * here. Immutable; thread-safe.
 */
final class CredentialPlacement {

  /** agentgateway's default: {@code Authorization: Bearer <value>}. */
  static final CredentialPlacement BEARER =
      new CredentialPlacement(
          CredentialLocation.newBuilder()
              .setHeader(
                  CredentialLocation.Header.newBuilder()
                      .setName(HttpHeaders.AUTHORIZATION)
                      .setPrefix("Bearer "))
              .build());

  private final CredentialLocation location;

  private CredentialPlacement(CredentialLocation location) {
    this.location = location;
  }

  /** The placement at {@code location}, or {@link #BEARER} when none is set. */
  static CredentialPlacement of(boolean present, CredentialLocation location) {
    if (!present) {
      return BEARER;
    }
    if (location.getKindCase() == CredentialLocation.KindCase.EXPRESSION
        || location.getKindCase() == CredentialLocation.KindCase.KIND_NOT_SET) {
      throw new IllegalArgumentException(
          "a credential is written to a header, a query parameter or a cookie");
    }
    return new CredentialPlacement(location);
  }

  /**
   * Writes {@code value}: into {@code headers} (the upstream request's, being built), or into the
   * upstream URL the exchange holds.
   */
  void write(ServerWebExchange exchange, HttpHeaders headers, String value) {
    switch (location.getKindCase()) {
      case HEADER ->
          headers.set(location.getHeader().getName(), location.getHeader().getPrefix() + value);
      case QUERY_PARAMETER -> {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url != null) {
          exchange
              .getAttributes()
              .put(
                  GATEWAY_REQUEST_URL_ATTR,
                  withQueryParameter(url, location.getQueryParameter(), value));
        }
      }
      case COOKIE ->
          headers.set(HttpHeaders.COOKIE, withCookie(headers, location.getCookie(), value));
      case EXPRESSION, KIND_NOT_SET -> throw new IllegalStateException("not a writable location");
    }
  }

  /** {@code url} with {@code name} set to {@code value} (any earlier value of it removed). */
  static URI withQueryParameter(URI url, String name, String value) {
    String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>();
    String query = url.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!key.equals(encodedName)) {
          kept.add(pair);
        }
      }
    }
    kept.add(encodedName + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    String s = url.toString();
    int cut = s.indexOf('?');
    int fragment = s.indexOf('#');
    String base = cut >= 0 ? s.substring(0, cut) : (fragment >= 0 ? s.substring(0, fragment) : s);
    String tail = fragment >= 0 ? s.substring(fragment) : "";
    return URI.create(base + "?" + String.join("&", kept) + tail);
  }

  private static String withCookie(HttpHeaders headers, String name, String value) {
    List<String> kept = new ArrayList<>();
    List<String> cookies = headers.get(HttpHeaders.COOKIE);
    if (cookies != null) {
      for (String header : cookies) {
        for (String cookie : header.split(";")) {
          String c = cookie.strip();
          if (!c.isEmpty() && !c.startsWith(name + "=")) {
            kept.add(c);
          }
        }
      }
    }
    kept.add(name + "=" + value);
    return String.join("; ", kept);
  }

  @Override
  public String toString() {
    return "CredentialPlacement[" + location.getKindCase() + "]";
  }
}
