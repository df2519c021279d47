package io.agw.gateway.usage.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A virtual key as the admin API shows it. {@code key} (the secret) is present only in the answers
 * to create and rotate, once; times are RFC 3339 strings.
 */
record KeyView(
    String id,
    String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) String key,
    String prefix,
    String team,
    String user,
    List<String> tags,
    List<String> allowedModels,
    Limits limits,
    String expiresAt,
    String previousKeyExpiresAt,
    String createdAt,
    String updatedAt,
    String revokedAt) {

  /** The key's own limits; null means none. */
  record Limits(Long requestsPerMinute, Long tokensPerMinute) {}

  static KeyView of(VirtualKey k, String secret) {
    return new KeyView(
        k.id(),
        k.name(),
        secret,
        k.secretPrefix(),
        k.team(),
        k.user(),
        k.tags(),
        k.allowedModels(),
        new Limits(k.requestsPerMinute(), k.tokensPerMinute()),
        text(k.expiresAt()),
        text(k.previousExpiresAt()),
        text(k.createdAt()),
        text(k.updatedAt()),
        text(k.revokedAt()));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
