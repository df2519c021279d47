package io.agw.gateway.security;

import com.google.protobuf.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Value} (JSON in protobuf) as plain Java values. Stateless. */
final class ProtoValues {

  private ProtoValues() {}

  static Object toPlain(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        yield d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
      }
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> {
        Map<String, Object> m = new LinkedHashMap<>();
        value.getStructValue().getFieldsMap().forEach((k, v) -> m.put(k, toPlain(v)));
        yield m;
      }
      case LIST_VALUE ->
          value.getListValue().getValuesList().stream().map(ProtoValues::toPlain).toList();
    };
  }
}
