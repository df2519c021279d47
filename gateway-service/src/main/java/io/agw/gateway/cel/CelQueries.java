package io.agw.gateway.cel;

import static io.agw.model.cel.CelFunctionDeclarations.ADD_QUERY;
import static io.agw.model.cel.CelFunctionDeclarations.QUERY;
import static io.agw.model.cel.CelFunctionDeclarations.SET_QUERY;

import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * agentgateway's query accessors on {@code request.uri} and {@code request.pathAndQuery} (any
 * string with an optional {@code ?query}): {@code query(name)} lists a parameter's values (missing
 * is an error), {@code addQuery(name, value)} and {@code setQuery(name, value)} give a new string
 * with the parameter appended or replacing the existing values; the query is re-encoded as a form.
 * Stateless.
 */
final class CelQueries {

  private CelQueries() {}

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(QUERY, String.class, String.class, CelQueries::query),
        CelFunctionBinding.from(
            ADD_QUERY,
            List.of(String.class, String.class, String.class),
            a -> update((String) a[0], (String) a[1], (String) a[2], false)),
        CelFunctionBinding.from(
            SET_QUERY,
            List.of(String.class, String.class, String.class),
            a -> update((String) a[0], (String) a[1], (String) a[2], true)));
  }

  static List<String> query(String uri, String name) {
    int q = uri.indexOf('?');
    List<String> values =
        q < 0
            ? List.of()
            : CelEncodings.formPairs(uri.substring(q + 1)).stream()
                .filter(p -> p.getKey().equals(name))
                .map(Map.Entry::getValue)
                .toList();
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no such key: " + name);
    }
    return values;
  }

  static String update(String uri, String name, String value, boolean replace) {
    int q = uri.indexOf('?');
    String base = q < 0 ? uri : uri.substring(0, q);
    List<Map.Entry<String, String>> pairs =
        new ArrayList<>(q < 0 ? List.of() : CelEncodings.formPairs(uri.substring(q + 1)));
    if (replace) {
      pairs.removeIf(p -> p.getKey().equals(name));
    }
    pairs.add(Map.entry(name, value));
    return base + "?" + CelEncodings.formText(pairs);
  }
}
