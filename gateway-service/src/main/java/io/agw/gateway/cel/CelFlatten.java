package io.agw.gateway.cel;

import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_LIST;
import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_MAP;
import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_RECURSIVE_LIST;
import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_RECURSIVE_LIST_SNAKE;
import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_RECURSIVE_MAP;
import static io.agw.model.cel.CelFunctionDeclarations.FLATTEN_RECURSIVE_MAP_SNAKE;

import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * agentgateway's {@code flatten(x)} and {@code flattenRecursive(x)} (also {@code
 * flatten_recursive}), which mean something only as the whole value of a log or trace field: the
 * field {@code name: flatten(request.headers)} becomes one field per entry, {@code
 * name.user-agent}, {@code name.accept}, ... (a list's elements are named by their index); the
 * recursive form also spreads the lists and maps found inside. The functions wrap their argument in
 * a one-entry map under a marker key, which {@link #spread} recognises; anywhere else that map is
 * an ordinary value.
 */
public final class CelFlatten {

  private static final String ONE_LEVEL = "$_agw_flatten";
  private static final String ALL_LEVELS = "$_agw_flatten_recursive";

  private CelFlatten() {}

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(FLATTEN_LIST, List.class, v -> Map.of(ONE_LEVEL, v)),
        CelFunctionBinding.from(FLATTEN_MAP, Map.class, v -> Map.of(ONE_LEVEL, v)),
        CelFunctionBinding.from(FLATTEN_RECURSIVE_LIST, List.class, v -> Map.of(ALL_LEVELS, v)),
        CelFunctionBinding.from(FLATTEN_RECURSIVE_MAP, Map.class, v -> Map.of(ALL_LEVELS, v)),
        CelFunctionBinding.from(
            FLATTEN_RECURSIVE_LIST_SNAKE, List.class, v -> Map.of(ALL_LEVELS, v)),
        CelFunctionBinding.from(
            FLATTEN_RECURSIVE_MAP_SNAKE, Map.class, v -> Map.of(ALL_LEVELS, v)));
  }

  /**
   * Gives {@code out} the field {@code name} with {@code value} (a plain value, as {@link
   * CelExpression#plain} returns), or, when {@code value} came from {@code flatten}, one field per
   * element, in order. Null elements are left out, as null fields are.
   */
  public static void spread(String name, Object value, BiConsumer<String, Object> out) {
    spread(name, value, false, out);
  }

  private static void spread(
      String name, Object value, boolean recursive, BiConsumer<String, Object> out) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Object marked = map.get(ONE_LEVEL);
      if (marked != null) {
        elements(name, marked, false, out);
        return;
      }
      marked = map.get(ALL_LEVELS);
      if (marked != null) {
        elements(name, marked, true, out);
        return;
      }
    }
    if (recursive && (value instanceof Map<?, ?> || value instanceof List<?>)) {
      elements(name, value, true, out);
    } else if (value != null) {
      out.accept(name, value);
    }
  }

  private static void elements(
      String name, Object container, boolean recursive, BiConsumer<String, Object> out) {
    if (container instanceof Map<?, ?> map) {
      map.forEach((k, v) -> spread(name + "." + k, v, recursive, out));
    } else if (container instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        spread(name + "." + i, list.get(i), recursive, out);
      }
    }
  }
}
