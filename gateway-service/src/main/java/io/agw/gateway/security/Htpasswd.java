package io.agw.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * An htpasswd user database: {@code user:hash} lines with bcrypt ({@code $2y$}, {@code $2a$},
 * {@code $2b$}), Apache MD5 ({@code $apr1$}) or SHA-1 ({@code {SHA}}) hashes, as written by
 * Apache's {@code htpasswd}. Plain-text and crypt(3) entries are refused when the file is loaded.
 * Immutable; thread-safe.
 */
final class Htpasswd {

  private final Map<String, String> hashes;

  private Htpasswd(Map<String, String> hashes) {
    this.hashes = hashes;
  }

  /**
   * @throws IllegalArgumentException naming the line of an entry that cannot be used (never its
   *     hash)
   */
  static Htpasswd parse(String text) {
    Map<String, String> hashes = new HashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("htpasswd line " + (i + 1) + " is not user:hash");
      }
      String hash = line.substring(colon + 1);
      if (!(hash.startsWith("$2") || hash.startsWith("$apr1$") || hash.startsWith("{SHA}"))) {
        throw new IllegalArgumentException(
            "htpasswd line " + (i + 1) + ": use a bcrypt, $apr1$ or {SHA} hash");
      }
      hashes.put(line.substring(0, colon), hash);
    }
    return new Htpasswd(Map.copyOf(hashes));
  }

  int size() {
    return hashes.size();
  }

  /** Whether {@code password} is the user's password. */
  boolean matches(String user, String password) {
    String hash = hashes.get(user);
    if (hash == null) {
      return false;
    }
    if (hash.startsWith("$2")) {
      // Spring's BCrypt reads $2a$/$2b$/$2y$ alike.
      try {
        return BCrypt.checkpw(password, hash);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (hash.startsWith("{SHA}")) {
      byte[] expected = Base64.getDecoder().decode(hash.substring(5));
      return MessageDigest.isEqual(expected, digest("SHA-1", utf8(password)));
    }
    return MessageDigest.isEqual(
        utf8(hash), utf8(Apr1.crypt(password, hash.substring(6).split("\\$", 2)[0])));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] digest(String algorithm, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
