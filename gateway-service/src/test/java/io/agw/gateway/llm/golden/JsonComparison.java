package io.agw.gateway.llm.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Compares an expected JSON document with an actual one and lists the differences by path.
 *
 * <p>Loose on what the fixtures mark as volatile: {@code id} and {@code created} at the top level
 * of a document (and of a stream's {@code message}) are not compared, nor are expected values that
 * are the placeholders {@code "[id]"} or {@code "[date]"}. A null value and an absent field are
 * equal: the gateway omits nulls, the reference outputs sometimes write them.
 */
final class JsonComparison {

  private static final Set<String> VOLATILE_KEYS = Set.of("id", "created");
  private static final Set<String> PLACEHOLDERS = Set.of("[id]", "[date]");

  private JsonComparison() {}

  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    compare("$", expected, actual, true, out);
    return out;
  }

  private static void compare(
      String path, JsonNode expected, JsonNode actual, boolean documentRoot, List<String> out) {
    boolean expectedNull = expected == null || expected.isNull() || expected.isMissingNode();
    boolean actualNull = actual == null || actual.isNull() || actual.isMissingNode();
    if (expectedNull || actualNull) {
      if (expectedNull != actualNull) {
        out.add(path + ": expected " + expected + " but was " + actual);
      }
      return;
    }
    if (expected.isString() && PLACEHOLDERS.contains(expected.asString())) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> keys = new TreeSet<>(expected.propertyNames());
      keys.addAll(actual.propertyNames());
      for (String key : keys) {
        if (documentRoot && VOLATILE_KEYS.contains(key)) {
          continue;
        }
        // A stream's message_start carries a whole message, with its own id.
        boolean nestedDocument = documentRoot && key.equals("message");
        compare(path + "." + key, expected.get(key), actual.get(key), nestedDocument, out);
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(path + ": expected " + expected.size() + " items but was " + actual.size());
      }
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i), false, out);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        out.add(path + ": expected " + expected + " but was " + actual);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": expected " + expected + " but was " + actual);
    }
  }
}
