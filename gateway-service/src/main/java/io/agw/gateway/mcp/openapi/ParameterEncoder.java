package io.agw.gateway.mcp.openapi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAPI parameter serialization (the {@code style} and {@code explode} rules of OpenAPI 3) of a
 * JSON argument value, and RFC 3986 percent-encoding. Pure and thread-safe.
 */
final class ParameterEncoder {

  private static final JsonMapper JSON = JsonMapper.shared();

  private ParameterEncoder() {}

  /** A path parameter ({@code simple} style): encoded, ready to replace {@code {name}}. */
  static String pathValue(ParameterBinding p, Object value) {
    return simple(p, value, ParameterEncoder::encode);
  }

  /** A header parameter ({@code simple} style), not encoded. */
  static String headerValue(ParameterBinding p, Object value) {
    return simple(p, value, UnaryOperator.identity());
  }

  /**
   * The encoded {@code key=value} pairs of a query parameter ({@code form}, {@code spaceDelimited},
   * {@code pipeDelimited} or {@code deepObject}), or of a cookie.
   */
  static List<String> queryPairs(ParameterBinding p, Object value) {
    String name = encode(p.name());
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      if (p.explode()) {
        list.forEach(v -> out.add(name + "=" + encode(scalar(v))));
      } else {
        String delimiter =
            switch (p.style()) {
              case "spaceDelimited" -> "%20";
              case "pipeDelimited" -> "%7C";
              default -> ",";
            };
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(encode(scalar(v))));
        out.add(name + "=" + String.join(delimiter, parts));
      }
    } else if (value instanceof Map<?, ?> map) {
      if (p.style().equals("deepObject")) {
        map.forEach(
            (k, v) ->
                out.add(name + "%5B" + encode(String.valueOf(k)) + "%5D=" + encode(scalar(v))));
      } else if (p.explode()) {
        map.forEach((k, v) -> out.add(encode(String.valueOf(k)) + "=" + encode(scalar(v))));
      } else {
        List<String> parts = new ArrayList<>();
        map.forEach(
            (k, v) -> {
              parts.add(encode(String.valueOf(k)));
              parts.add(encode(scalar(v)));
            });
        out.add(name + "=" + String.join(",", parts));
      }
    } else {
      out.add(name + "=" + encode(scalar(value)));
    }
    return out;
  }

  private static String simple(ParameterBinding p, Object value, UnaryOperator<String> enc) {
    List<String> parts = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> parts.add(enc.apply(scalar(v))));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            String key = enc.apply(String.valueOf(k));
            String text = enc.apply(scalar(v));
            if (p.explode()) {
              parts.add(key + "=" + text);
            } else {
              parts.add(key);
              parts.add(text);
            }
          });
    } else {
      parts.add(enc.apply(scalar(value)));
    }
    return String.join(",", parts);
  }

  /**
   * The text of a JSON scalar: numbers without a spurious {@code .0}; a nested array or object
   * (which no OpenAPI style defines) as JSON text.
   */
  static String scalar(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double || value instanceof Float) {
      BigDecimal d = BigDecimal.valueOf(((Number) value).doubleValue());
      return d.stripTrailingZeros().scale() <= 0
          ? d.toBigInteger().toString()
          : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return JSON.writeValueAsString(value);
  }

  /** RFC 3986 percent-encoding: everything but unreserved characters, as UTF-8. */
  static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
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
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
