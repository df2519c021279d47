package io.agw.gateway.cel;

import com.google.protobuf.ByteString;
import dev.cel.common.values.CelByteString;
import io.agw.gateway.json.ClientJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conversions between JSON, plain Java values and CEL values. Stateless. */
public final class CelValues {

  private static final JsonMapper JSON = ClientJson.builder().build();

  private CelValues() {}

  /** {@code json(text)}: JSON text as CEL maps, lists, strings, int64, double, bool, null. */
  static Object parseJson(String text) {
    try {
      return fromJson(JSON.readTree(text));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("json(): not valid JSON");
    }
  }

  /** {@code toJson(value)}: a CEL value as JSON text. */
  static String toJson(Object value) {
    return JSON.writeValueAsString(toPlain(value));
  }

  /** A JSON tree as CEL values. */
  public static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (var e : node.properties()) {
        map.put(e.getKey(), fromJson(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(fromJson(n)));
      return list;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asString();
  }

  /** Plain Java values (from JSON libraries or claims) as CEL values. */
  public static Object fromPlain(Object value) {
    if (value == null) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), fromPlain(v)));
      return out;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(fromPlain(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof java.time.Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  /** A CEL value as plain Java values for JSON output. */
  static Object toPlain(Object value) {
    if (value instanceof com.google.protobuf.NullValue
        || value instanceof dev.cel.common.values.NullValue) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toPlain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CelValues::toPlain).toList();
    }
    if (value instanceof ByteString bytes) {
      return bytes.toStringUtf8();
    }
    if (value instanceof CelByteString bytes) {
      return new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (value instanceof CelNetwork.Ip || value instanceof CelNetwork.Cidr) {
      return value.toString();
    }
    if (value instanceof com.google.common.primitives.UnsignedLong u) {
      return u.bigIntegerValue();
    }
    return value;
  }

  /** Text for a header or body: strings and bytes as they are, anything else as JSON. */
  public static String asText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof ByteString || value instanceof CelByteString) {
      return (String) toPlain(value);
    }
    return toJson(value);
  }
}
