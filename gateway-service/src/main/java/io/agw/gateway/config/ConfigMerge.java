package io.agw.gateway.config;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges a configuration overlay over the file's document ({@code config.storage.mode: hybrid}):
 * mappings key by key; lists of named entries entry by entry, an overlay entry replacing the file's
 * entry of the same name ({@code binds} by {@code port}, other lists by {@code name}) and new ones
 * appended; any other value or list is replaced by the overlay's. Pure: the inputs are not changed.
 */
public final class ConfigMerge {

  private ConfigMerge() {}

  /** The merged document; {@code overlay} null or not a mapping leaves {@code base} as it is. */
  public static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (overlay == null || overlay.isNull() || overlay.isMissingNode()) {
      return base;
    }
    return mergeValue("", base, overlay);
  }

  private static JsonNode mergeValue(String field, JsonNode base, JsonNode overlay) {
    if (base instanceof ObjectNode b && overlay instanceof ObjectNode o) {
      ObjectNode out = b.deepCopy();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        JsonNode mine = out.get(e.getKey());
        out.set(
            e.getKey(),
            mine == null ? e.getValue().deepCopy() : mergeValue(e.getKey(), mine, e.getValue()));
      }
      return out;
    }
    if (base instanceof ArrayNode b && overlay instanceof ArrayNode o && named(field, b, o)) {
      ArrayNode out = b.deepCopy();
      String key = identity(field);
      for (JsonNode entry : o) {
        int at = indexOf(out, key, entry.get(key));
        if (at < 0) {
          out.add(entry.deepCopy());
        } else {
          out.set(at, entry.deepCopy());
        }
      }
      return out;
    }
    return overlay.deepCopy();
  }

  /** The field that names an entry of the list {@code field}. */
  static String identity(String field) {
    return field.equals("binds") ? "port" : "name";
  }

  private static boolean named(String field, ArrayNode base, ArrayNode overlay) {
    String key = identity(field);
    for (ArrayNode list : new ArrayNode[] {base, overlay}) {
      for (JsonNode entry : list) {
        if (!entry.isObject() || entry.get(key) == null || !entry.get(key).isValueNode()) {
          return false;
        }
      }
    }
    return !overlay.isEmpty();
  }

  private static int indexOf(ArrayNode list, String key, JsonNode id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).get(key).equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
