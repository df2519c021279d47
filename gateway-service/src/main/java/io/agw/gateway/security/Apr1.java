package io.agw.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Apache's MD5-based password hash ({@code $apr1$salt$hash}), the MD5-crypt algorithm with the
 * {@code $apr1$} magic. Kept only to verify existing htpasswd files; bcrypt is the better choice
 * for new ones. Stateless.
 */
final class Apr1 {

  private static final String MAGIC = "$apr1$";
  private static final String ITOA64 =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Apr1() {}

  /** The full hash string for {@code password} with {@code salt} (at most 8 characters used). */
  static String crypt(String password, String salt) {
    if (salt.length() > 8) {
      salt = salt.substring(0, 8);
    }
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    byte[] sl = salt.getBytes(StandardCharsets.UTF_8);
    MessageDigest ctx = md5();
    ctx.update(pw);
    ctx.update(MAGIC.getBytes(StandardCharsets.UTF_8));
    ctx.update(sl);
    MessageDigest alt = md5();
    alt.update(pw);
    alt.update(sl);
    alt.update(pw);
    byte[] finalBytes = alt.digest();
    for (int len = pw.length; len > 0; len -= 16) {
      ctx.update(finalBytes, 0, Math.min(len, 16));
    }
    for (int i = pw.length; i != 0; i >>>= 1) {
      if ((i & 1) != 0) {
        ctx.update((byte) 0);
      } else {
        ctx.update(pw[0]);
      }
    }
    finalBytes = ctx.digest();
    for (int i = 0; i < 1000; i++) {
      MessageDigest round = md5();
      if ((i & 1) != 0) {
        round.update(pw);
      } else {
        round.update(finalBytes, 0, 16);
      }
      if (i % 3 != 0) {
        round.update(sl);
      }
      if (i % 7 != 0) {
        round.update(pw);
      }
      if ((i & 1) != 0) {
        round.update(finalBytes, 0, 16);
      } else {
        round.update(pw);
      }
      finalBytes = round.digest();
    }
    StringBuilder out = new StringBuilder(MAGIC).append(salt).append('$');
    int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
    for (int[] g : groups) {
      int v =
          ((finalBytes[g[0]] & 0xff) << 16)
              | ((finalBytes[g[1]] & 0xff) << 8)
              | (finalBytes[g[2]] & 0xff);
      to64(out, v, 4);
    }
    to64(out, finalBytes[11] & 0xff, 2);
    return out.toString();
  }

  private static void to64(StringBuilder out, int v, int n) {
    while (--n >= 0) {
      out.append(ITOA64.charAt(v & 0x3f));
      v >>>= 6;
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
