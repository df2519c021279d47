package io.agw.gateway.cel;

import dev.cel.runtime.CelFunctionBinding;
import io.agw.model.cel.CelHeaderDeclarations;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * A header map as CEL sees it ({@code request.headers}, {@code response.headers}): names in lower
 * case, each to its values joined with commas, and agentgateway's views of the same headers: {@code
 * join()} (the same), {@code raw()} (each name to the list of its values as received), {@code
 * split()} (the values also split at commas and trimmed), {@code redacted()} (the values of {@code
 * authorization}, {@code proxy-authorization}, {@code cookie}, {@code set-cookie} and the headers
 * of {@code config.sensitiveHeaders} replaced by {@code <redacted>}) and {@code cookie(name)} (one
 * cookie of the {@code Cookie} headers; a missing cookie is an evaluation error, like a missing
 * key). A view of a plain map (the CEL playground's sample) reads a string value as one header line
 * and a list as several. Immutable.
 */
final class CelHeaders extends AbstractMap<String, Object> {

  /** Headers {@code redacted()} always hides; {@code config.sensitiveHeaders} adds to them. */
  static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private static final String REDACTED = "<redacted>";

  private enum Mode {
    JOIN,
    RAW,
    SPLIT
  }

  private final Map<String, List<String>> lines;
  private final Mode mode;
  private final Set<String> redact;
  private final Map<String, Object> view;

  /**
   * @param redact the names whose values are shown as {@code <redacted>}; empty for none
   */
  private CelHeaders(Map<String, List<String>> lines, Mode mode, Set<String> redact) {
    this.lines = lines;
    this.mode = mode;
    this.redact = redact;
    Map<String, Object> v = new LinkedHashMap<>();
    lines.forEach((name, values) -> v.put(name, value(name, values)));
    this.view = v;
  }

  static CelHeaders of(HttpHeaders headers) {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            lines
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    return new CelHeaders(lines, Mode.JOIN, Set.of());
  }

  private static CelHeaders of(Object map) {
    if (map instanceof CelHeaders headers) {
      return headers;
    }
    Map<String, List<String>> lines = new LinkedHashMap<>();
    if (map instanceof Map<?, ?> m) {
      m.forEach(
          (name, value) -> {
            List<String> values =
                lines.computeIfAbsent(
                    String.valueOf(name).toLowerCase(Locale.ROOT), n -> new ArrayList<>());
            if (value instanceof Collection<?> c) {
              c.forEach(x -> values.add(String.valueOf(x)));
            } else {
              values.add(String.valueOf(value));
            }
          });
    }
    return new CelHeaders(lines, Mode.JOIN, Set.of());
  }

  private Object value(String name, List<String> values) {
    List<String> shown =
        redact.contains(name) ? values.stream().map(v -> REDACTED).toList() : values;
    return switch (mode) {
      case JOIN -> String.join(",", shown);
      case RAW -> List.copyOf(shown);
      case SPLIT -> {
        List<String> parts = new ArrayList<>();
        shown.forEach(v -> List.of(v.split(",", -1)).forEach(p -> parts.add(p.strip())));
        yield List.copyOf(parts);
      }
    };
  }

  private String cookie(String name) {
    for (String header : lines.getOrDefault("cookie", List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          String value = pair.substring(eq + 1).strip();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return value;
        }
      }
    }
    throw new IllegalArgumentException("no such key: " + name);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return view.entrySet();
  }

  @Override
  public Object get(Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return view.containsKey(key);
  }

  @Override
  public Set<String> keySet() {
    return new LinkedHashSet<>(view.keySet());
  }

  /**
   * The header functions; {@code redacted()} hides {@link #SENSITIVE} and {@code sensitive} (lower
   * case names).
   */
  static List<CelFunctionBinding> bindings(Set<String> sensitive) {
    Set<String> hidden = new LinkedHashSet<>(SENSITIVE);
    hidden.addAll(sensitive);
    Set<String> redacted = Set.copyOf(hidden);
    return List.of(
        CelFunctionBinding.from(
            CelHeaderDeclarations.REDACTED,
            Map.class,
            m -> {
              CelHeaders h = of(m);
              return new CelHeaders(h.lines, h.mode, redacted);
            }),
        CelFunctionBinding.from(
            CelHeaderDeclarations.JOIN,
            Map.class,
            m -> new CelHeaders(of(m).lines, Mode.JOIN, of(m).redact)),
        CelFunctionBinding.from(
            CelHeaderDeclarations.RAW,
            Map.class,
            m -> new CelHeaders(of(m).lines, Mode.RAW, of(m).redact)),
        CelFunctionBinding.from(
            CelHeaderDeclarations.SPLIT,
            Map.class,
            m -> new CelHeaders(of(m).lines, Mode.SPLIT, of(m).redact)),
        CelFunctionBinding.from(
            CelHeaderDeclarations.COOKIE,
            Map.class,
            String.class,
            (m, name) -> of(m).cookie(name)));
  }
}
