package io.agw.gateway.security.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The policy's cookies, named as agentgateway names them: {@code agw_oidc_s_<id>} for the session
 * and {@code agw_oidc_t_<id>.<transaction>} for a login in progress, where {@code <id>} is the
 * first 8 bytes (hex) of SHA-256 of the policy id. All are {@code HttpOnly}, {@code SameSite=Lax},
 * path {@code /}, and {@code Secure} when the redirect URI is https. Immutable; thread-safe.
 */
final class OidcCookies {

  /** Every cookie of every oidc policy starts so; none of them is sent upstream. */
  static final String RESERVED_PREFIX = "agw_oidc_";

  /** The longest sealed session a browser is trusted to keep (below the usual 4 KiB limit). */
  static final int MAX_VALUE_LENGTH = 3800;

  private final String sessionName;
  private final String transactionPrefix;
  private final boolean secure;

  OidcCookies(String policyId, boolean secure) {
    String id = HexFormat.of().formatHex(sha256(policyId), 0, 8);
    this.sessionName = RESERVED_PREFIX + "s_" + id;
    this.transactionPrefix = RESERVED_PREFIX + "t_" + id;
    this.secure = secure;
  }

  String sessionName() {
    return sessionName;
  }

  String transactionName(String transactionId) {
    return transactionPrefix + "." + transactionId;
  }

  String set(String name, String value, Duration maxAge) {
    return ResponseCookie.from(name, value)
        .path("/")
        .httpOnly(true)
        .secure(secure)
        .sameSite("Lax")
        .maxAge(maxAge)
        .build()
        .toString();
  }

  String clear(String name) {
    return set(name, "", Duration.ZERO);
  }

  /** The request without any {@code agw_oidc_} cookie (and without a Cookie header left empty). */
  static ServerHttpRequest withoutReservedCookies(ServerHttpRequest request) {
    List<String> headers = request.getHeaders().get(HttpHeaders.COOKIE);
    if (headers == null || headers.stream().noneMatch(h -> h.contains(RESERVED_PREFIX))) {
      return request;
    }
    String kept =
        headers.stream()
            .flatMap(h -> java.util.Arrays.stream(h.split(";")))
            .map(String::strip)
            .filter(c -> !c.isEmpty() && !c.startsWith(RESERVED_PREFIX))
            .collect(Collectors.joining("; "));
    return request
        .mutate()
        .headers(
            h -> {
              h.remove(HttpHeaders.COOKIE);
              if (!kept.isEmpty()) {
                h.set(HttpHeaders.COOKIE, kept);
              }
            })
        .build();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
