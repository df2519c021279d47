package io.agw.gateway.backend;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in the PEM forms agentgateway accepts (its TLS library reads PKCS#8, SEC1 {@code EC
 * PRIVATE KEY} and PKCS#1 {@code RSA PRIVATE KEY}) turned into the one the JDK's TLS provider
 * reads, PKCS#8, by wrapping the same key in a {@code PrivateKeyInfo}; nothing is decrypted or
 * recomputed. Any other text (already PKCS#8, encrypted, not a key) is returned unchanged, for the
 * TLS provider to accept or refuse. Stateless.
 */
public final class PemPrivateKeys {

  private static final Pattern LEGACY_KEY =
      Pattern.compile(
          "-----BEGIN (EC|RSA) PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1 PRIVATE KEY-----");

  // DER of the object identifiers 1.2.840.10045.2.1 (id-ecPublicKey) and 1.2.840.113549.1.1.1
  // (rsaEncryption).
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };
  private static final byte[] RSA_ENCRYPTION = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };
  private static final byte[] NULL = {0x05, 0x00};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private static final int SEQUENCE = 0x30;
  private static final int OCTET_STRING = 0x04;
  private static final int OBJECT_IDENTIFIER = 0x06;
  private static final int EC_PARAMETERS = 0xa0;

  private PemPrivateKeys() {}

  /** {@code pem} with a SEC1 or PKCS#1 private key rewritten as PKCS#8; otherwise unchanged. */
  public static byte[] pkcs8(byte[] pem) {
    Matcher m = LEGACY_KEY.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      return pem;
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      return pem;
    }
    byte[] info = m.group(1).equals("RSA") ? rsa(der) : ec(der);
    if (info == null) {
      return pem;
    }
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(info);
    return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] rsa(byte[] pkcs1) {
    return tlv(
        SEQUENCE,
        concat(VERSION_0, tlv(SEQUENCE, concat(RSA_ENCRYPTION, NULL)), tlv(OCTET_STRING, pkcs1)));
  }

  /** The SEC1 key wrapped with the curve named in its own parameters; null without them. */
  private static byte[] ec(byte[] sec1) {
    byte[] curve = curve(sec1);
    if (curve == null) {
      return null;
    }
    return tlv(
        SEQUENCE,
        concat(VERSION_0, tlv(SEQUENCE, concat(EC_PUBLIC_KEY, curve)), tlv(OCTET_STRING, sec1)));
  }

  /** The named curve's OBJECT IDENTIFIER (tag and all) in {@code [0]} of an ECPrivateKey. */
  private static byte[] curve(byte[] sec1) {
    try {
      int[] outer = header(sec1, 0);
      if (sec1[0] != SEQUENCE) {
        return null;
      }
      int at = outer[0];
      int end = at + outer[1];
      while (at < end) {
        int tag = sec1[at] & 0xff;
        int[] element = header(sec1, at);
        if (tag == EC_PARAMETERS) {
          int inner = element[0];
          if (sec1[inner] != OBJECT_IDENTIFIER) {
            return null; // explicit curve parameters: not a named curve
          }
          int[] oid = header(sec1, inner);
          return java.util.Arrays.copyOfRange(sec1, inner, oid[0] + oid[1]);
        }
        at = element[0] + element[1];
      }
      return null;
    } catch (ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Where the content of the element at {@code at} starts, and its length. */
  private static int[] header(byte[] der, int at) {
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {at + 2, first};
    }
    int count = first & 0x7f;
    if (count == 0 || count > 3) {
      throw new ArrayIndexOutOfBoundsException("unsupported length");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xff);
    }
    return new int[] {at + 2 + count, length};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
