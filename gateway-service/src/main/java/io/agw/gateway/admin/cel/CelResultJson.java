package io.agw.gateway.admin.cel;

import com.google.protobuf.ByteString;
import dev.cel.common.values.CelByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CEL value as JSON with its CEL type name: maps, lists, strings, numbers, bools and null as
 * themselves, bytes as base64, timestamps and durations as their ISO-8601 text, anything else as
 * its text. Stateless.
 */
final class CelResultJson {

  private CelResultJson() {}

  /** CEL's null: protobuf's (from JSON and variables) or the runtime's own. */
  private static boolean isNull(Object value) {
    return value == null
        || value instanceof com.google.protobuf.NullValue
        || value instanceof dev.cel.common.values.NullValue;
  }

  /** The CEL type name of {@code value}. */
  static String type(Object value) {
    if (isNull(value)) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "map";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "int";
    }
    if (value instanceof com.google.common.primitives.UnsignedLong) {
      return "uint";
    }
    if (value instanceof Double || value instanceof Float) {
      return "double";
    }
    if (value instanceof ByteString || value instanceof CelByteString) {
      return "bytes";
    }
    if (value instanceof java.time.Instant || value instanceof com.google.protobuf.Timestamp) {
      return "timestamp";
    }
    if (value instanceof java.time.Duration || value instanceof com.google.protobuf.Duration) {
      return "duration";
    }
    if (value instanceof dev.cel.common.types.CelType) {
      return "type";
    }
    return value.getClass().getSimpleName();
  }

  /** {@code value} as plain Java values that Jackson writes as the JSON above. */
  static Object json(Object value) {
    if (isNull(value)) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(json(k)), json(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(json(v)));
      return out;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Number) {
      return value instanceof com.google.common.primitives.UnsignedLong u
          ? u.bigIntegerValue()
          : value;
    }
    if (value instanceof ByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof CelByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof com.google.protobuf.Timestamp t) {
      return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }
    if (value instanceof com.google.protobuf.Duration d) {
      return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
    }
    if (value instanceof dev.cel.common.types.CelType t) {
      return t.name();
    }
    return value.toString();
  }
}
