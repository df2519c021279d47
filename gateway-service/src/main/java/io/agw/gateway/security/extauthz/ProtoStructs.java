package io.agw.gateway.security.extauthz;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (maps, lists, strings, numbers, booleans, null) to and from protobuf. */
public final class ProtoStructs {

  private ProtoStructs() {}

  public static Value value(Object plain) {
    Value.Builder b = Value.newBuilder();
    if (plain == null) {
      b.setNullValue(NullValue.NULL_VALUE);
    } else if (plain instanceof Map<?, ?> map) {
      b.setStructValue(struct(map));
    } else if (plain instanceof Iterable<?> list) {
      ListValue.Builder l = ListValue.newBuilder();
      list.forEach(v -> l.addValues(value(v)));
      b.setListValue(l);
    } else if (plain instanceof Number n) {
      b.setNumberValue(n.doubleValue());
    } else if (plain instanceof Boolean bool) {
      b.setBoolValue(bool);
    } else {
      b.setStringValue(String.valueOf(plain));
    }
    return b.build();
  }

  public static Struct struct(Map<?, ?> map) {
    Struct.Builder s = Struct.newBuilder();
    map.forEach((k, v) -> s.putFields(String.valueOf(k), value(v)));
    return s.build();
  }

  public static Object plain(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> value.getNumberValue();
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case STRUCT_VALUE -> plain(value.getStructValue());
      case LIST_VALUE -> {
        List<Object> out = new ArrayList<>();
        value.getListValue().getValuesList().forEach(v -> out.add(plain(v)));
        yield out;
      }
    };
  }

  public static Map<String, Object> plain(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }
}
