package io.agw.gateway.tokenexchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What one request brings to an exchange: its subject token, the actor token when configured, and
 * the evaluated extra parameters (sorted by name). Immutable; {@link #toString()} never shows a
 * token.
 *
 * @param actorToken null when no actor token is configured
 * @param chainedParams the extra parameters of the second call (crossAppAccess), empty otherwise
 */
record ExchangeInput(
    String subjectToken,
    String subjectTokenType,
    String actorToken,
    String actorTokenType,
    List<Map.Entry<String, String>> params,
    List<Map.Entry<String, String>> chainedParams) {

  /** The input of a JWT bearer call whose assertion is a token issued by an earlier call. */
  static ExchangeInput assertion(String token, List<Map.Entry<String, String>> params) {
    return new ExchangeInput(token, null, null, null, params, List.of());
  }

  /**
   * The cache key: a SHA-256 over every field, each prefixed by its length so that no two inputs
   * share a key. The tokens themselves are not kept in the cache.
   */
  String cacheKey() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      field(digest, subjectToken);
      field(digest, subjectTokenType);
      field(digest, actorToken);
      field(digest, actorTokenType);
      for (var p : params) {
        field(digest, p.getKey());
        field(digest, p.getValue());
      }
      field(digest, "|");
      for (var p : chainedParams) {
        field(digest, p.getKey());
        field(digest, p.getValue());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void field(MessageDigest digest, String value) {
    if (value == null) {
      digest.update((byte) 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) 1);
    digest.update(
        new byte[] {
          (byte) (bytes.length >>> 24),
          (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8),
          (byte) bytes.length
        });
    digest.update(bytes);
  }

  @Override
  public String toString() {
    return "ExchangeInput[" + subjectTokenType + (actorToken != null ? ", with actor" : "") + "]";
  }
}
