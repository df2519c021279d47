package io.agw.gateway.usage.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * New virtual key secrets and ids: {@code agw-} and 32 random bytes (base64url, no padding), and
 * {@code vk_} and 12 random bytes in hex. Thread-safe.
 */
final class KeySecrets {

  static final String SECRET_PREFIX = "agw-";
  static final String ID_PREFIX = "vk_";

  /** How many characters of a secret are kept to recognise it (the {@code agw-} and 4 more). */
  private static final int SHOWN = SECRET_PREFIX.length() + 4;

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeySecrets() {}

  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return ID_PREFIX + HexFormat.of().formatHex(bytes);
  }

  /** The non-secret beginning of {@code secret}, for display. */
  static String prefix(String secret) {
    return secret.substring(0, SHOWN);
  }
}
