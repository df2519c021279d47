package io.agw.gateway.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Values keyed by hostname: exact names, wildcards ({@code *.example.com}, matching one or more
 * labels) and a catch-all. {@link #candidates(String)} returns the values a host can match, most
 * specific first, so a caller can fall back to a less specific host when nothing under a more
 * specific one matches. Immutable and thread-safe once built.
 *
 * @param <T> what a hostname maps to
 */
final class HostIndex<T> {

  private final Map<String, T> exact;
  private final Map<String, T> wildcard; // keyed by the suffix after "*", e.g. ".example.com"
  private final T any;

  private HostIndex(Map<String, T> exact, Map<String, T> wildcard, T any) {
    this.exact = exact;
    this.wildcard = wildcard;
    this.any = any;
  }

  /** The values for {@code host} (without port), most specific first. */
  List<T> candidates(String host) {
    List<T> out = new ArrayList<>(3);
    String h = host == null ? "" : normalize(host);
    T e = exact.get(h);
    if (e != null) {
      out.add(e);
    }
    if (!wildcard.isEmpty()) {
      int dot = h.indexOf('.');
      while (dot >= 0) {
        T w = wildcard.get(h.substring(dot));
        if (w != null) {
          out.add(w);
        }
        dot = h.indexOf('.', dot + 1);
      }
    }
    if (any != null) {
      out.add(any);
    }
    return out;
  }

  static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** True when {@code host} matches {@code pattern} (exact, wildcard, empty or "*"). */
  static boolean matches(String pattern, String host) {
    if (pattern == null || pattern.isEmpty() || pattern.equals("*")) {
      return true;
    }
    String p = normalize(pattern);
    String h = normalize(host);
    return p.startsWith("*.")
        ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1
        : p.equals(h);
  }

  static <B> Builder<B> builder() {
    return new Builder<>();
  }

  /**
   * Collects one mutable value per hostname (typically a {@link PathIndex.Builder}); not
   * thread-safe.
   *
   * @param <B> the value collected per hostname
   */
  static final class Builder<B> {
    private final Map<String, B> exact = new HashMap<>();
    private final Map<String, B> wildcard = new HashMap<>();
    private B any;

    B computeIfAbsent(String hostname, Supplier<B> create) {
      if (hostname == null || hostname.isEmpty() || hostname.equals("*")) {
        if (any == null) {
          any = create.get();
        }
        return any;
      }
      String h = normalize(hostname);
      if (h.startsWith("*.")) {
        return wildcard.computeIfAbsent(h.substring(1), k -> create.get());
      }
      return exact.computeIfAbsent(h, k -> create.get());
    }

    <T> HostIndex<T> build(Function<B, T> finish) {
      Map<String, T> e = new HashMap<>();
      exact.forEach((k, v) -> e.put(k, finish.apply(v)));
      Map<String, T> w = new HashMap<>();
      wildcard.forEach((k, v) -> w.put(k, finish.apply(v)));
      return new HostIndex<>(Map.copyOf(e), Map.copyOf(w), any == null ? null : finish.apply(any));
    }
  }
}
