package io.agw.gateway.cel;

import static io.agw.model.cel.CelFunctionDeclarations.BASE64_DECODE_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.BASE64_ENCODE_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.FORM_DECODE_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.FORM_DECODE_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.FORM_ENCODE;
import static io.agw.model.cel.CelFunctionDeclarations.LEGACY_BASE64_DECODE_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.LEGACY_BASE64_DECODE_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.LEGACY_BASE64_ENCODE_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.LEGACY_BASE64_ENCODE_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.MD5_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.MD5_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.SHA1_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.SHA1_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.SHA256_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.SHA256_STRING;
import static io.agw.model.cel.CelFunctionDeclarations.URL_DECODE;
import static io.agw.model.cel.CelFunctionDeclarations.URL_ENCODE_BYTES;
import static io.agw.model.cel.CelFunctionDeclarations.URL_ENCODE_STRING;

import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-time half of agentgateway's encoding functions: {@code base64.*} (the overloads beyond
 * cel-java's encoders extension, and the legacy {@code base64Encode}/{@code base64Decode}), {@code
 * url.*}, {@code form.*} and the {@code sha1}/{@code sha256}/{@code md5} digests. Stateless.
 */
final class CelEncodings {

  private static final HexFormat HEX = HexFormat.of();

  private CelEncodings() {}

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(BASE64_ENCODE_STRING, String.class, s -> base64(utf8(s))),
        CelFunctionBinding.from(
            BASE64_DECODE_BYTES,
            CelByteString.class,
            b -> unbase64(new String(b.toByteArray(), StandardCharsets.UTF_8))),
        CelFunctionBinding.from(LEGACY_BASE64_ENCODE_STRING, String.class, s -> base64(utf8(s))),
        CelFunctionBinding.from(
            LEGACY_BASE64_ENCODE_BYTES, CelByteString.class, b -> base64(b.toByteArray())),
        CelFunctionBinding.from(LEGACY_BASE64_DECODE_STRING, String.class, CelEncodings::unbase64),
        CelFunctionBinding.from(
            LEGACY_BASE64_DECODE_BYTES,
            CelByteString.class,
            b -> unbase64(new String(b.toByteArray(), StandardCharsets.UTF_8))),
        CelFunctionBinding.from(URL_ENCODE_STRING, String.class, s -> urlEncode(utf8(s))),
        CelFunctionBinding.from(
            URL_ENCODE_BYTES, CelByteString.class, b -> urlEncode(b.toByteArray())),
        CelFunctionBinding.from(URL_DECODE, String.class, CelEncodings::urlDecode),
        CelFunctionBinding.from(FORM_DECODE_STRING, String.class, CelEncodings::formDecode),
        CelFunctionBinding.from(
            FORM_DECODE_BYTES,
            CelByteString.class,
            b -> formDecode(new String(b.toByteArray(), StandardCharsets.UTF_8))),
        CelFunctionBinding.from(FORM_ENCODE, Map.class, CelEncodings::formEncode),
        CelFunctionBinding.from(SHA1_STRING, String.class, s -> digest("SHA-1", utf8(s))),
        CelFunctionBinding.from(
            SHA1_BYTES, CelByteString.class, b -> digest("SHA-1", b.toByteArray())),
        CelFunctionBinding.from(SHA256_STRING, String.class, s -> digest("SHA-256", utf8(s))),
        CelFunctionBinding.from(
            SHA256_BYTES, CelByteString.class, b -> digest("SHA-256", b.toByteArray())),
        CelFunctionBinding.from(MD5_STRING, String.class, s -> digest("MD5", utf8(s))),
        CelFunctionBinding.from(
            MD5_BYTES, CelByteString.class, b -> digest("MD5", b.toByteArray())));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Standard base64, padded or not (agentgateway's decoder is indifferent to padding). */
  static CelByteString unbase64(String text) {
    try {
      return CelByteString.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("base64.decode(): invalid base64");
    }
  }

  /** Percent-encodes everything but ASCII letters, digits and {@code -._~}, in upper-case hex. */
  static String urlEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} (a {@code +} stays a {@code +}); the result must be valid UTF-8. */
  static String urlDecode(String text) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(percentDecode(text, false)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("url.decode(): the decoded value is not UTF-8");
    }
  }

  /** {@code %XX} as its byte, {@code +} as a space when asked; a malformed escape stays as is. */
  private static byte[] percentDecode(String text, boolean plusIsSpace) {
    byte[] in = utf8(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
        out.write(HexFormat.fromHexDigits(new String(in, i + 1, 2, StandardCharsets.US_ASCII)));
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(byte b) {
    return HexFormat.isHexDigit(b);
  }

  /** The decoded pairs of {@code application/x-www-form-urlencoded} text, in order. */
  static List<Map.Entry<String, String>> formPairs(String text) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = formUnescape(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formUnescape(pair.substring(eq + 1));
      pairs.add(Map.entry(key, value));
    }
    return pairs;
  }

  /** Pairs as {@code application/x-www-form-urlencoded} text, in order. */
  static String formText(List<Map.Entry<String, String>> pairs) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> pair : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(pair.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** {@code application/x-www-form-urlencoded} as a map; a repeated key gives a list. */
  static Map<String, Object> formDecode(String text) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> pair : formPairs(text)) {
      String key = pair.getKey();
      String value = pair.getValue();
      Object existing = out.get(key);
      if (existing == null) {
        out.put(key, value);
      } else if (existing instanceof List<?> list) {
        List<Object> more = new ArrayList<>(list);
        more.add(value);
        out.put(key, more);
      } else {
        out.put(key, List.of(existing, value));
      }
    }
    return out;
  }

  private static String formUnescape(String encoded) {
    return new String(percentDecode(encoded, true), StandardCharsets.UTF_8);
  }

  /**
   * A map as {@code application/x-www-form-urlencoded}: keys sorted, a list as repeated fields,
   * null skipped; any other value must be a string.
   */
  static String formEncode(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    sorted.forEach(
        (key, value) -> {
          List<?> values = value instanceof List<?> list ? list : List.of(value);
          for (Object v : values) {
            if (v instanceof com.google.protobuf.NullValue
                || v instanceof dev.cel.common.values.NullValue) {
              continue;
            }
            if (!(v instanceof String s)) {
              throw new IllegalArgumentException("invalid form value for key " + key);
            }
            pairs.add(Map.entry(key, s));
          }
        });
    return formText(pairs);
  }

  static String digest(String algorithm, byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
