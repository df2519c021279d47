package io.agw.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The routes of one host, indexed by path so that a lookup touches only the candidates whose path
 * can match: exact paths by hash, prefixes by walking the request path's segments, and the regex
 * routes. Precedence: exact, then the longest prefix, then regex (longest pattern first); within
 * one path, {@link RequestConditions#specificity()} and then the route's order decide. Immutable
 * and thread-safe once built.
 *
 * @param <T> what a match yields
 */
public final class PathIndex<T> {

  /** One route match compiled for lookup. */
  record Entry<T>(
      PathKind kind,
      String path,
      Pattern regex,
      RequestConditions conditions,
      int order,
      T target) {}

  /** How an entry matches the path. */
  public enum PathKind {
    EXACT,
    PREFIX,
    REGEX
  }

  private final Map<String, List<Entry<T>>> exact;
  private final Map<String, List<Entry<T>>> prefix;
  private final List<Entry<T>> regex;

  private PathIndex(
      Map<String, List<Entry<T>>> exact, Map<String, List<Entry<T>>> prefix, List<Entry<T>> regex) {
    this.exact = exact;
    this.prefix = prefix;
    this.regex = regex;
  }

  /**
   * The first entry, in precedence order, whose path matches and for which {@code accept} holds.
   */
  Entry<T> find(String path, Predicate<Entry<T>> accept) {
    Entry<T> hit = first(exact.get(path), accept);
    if (hit != null) {
      return hit;
    }
    if (!prefix.isEmpty()) {
      String candidate = trimTrailingSlash(path);
      while (true) {
        hit = first(prefix.get(candidate), accept);
        if (hit != null) {
          return hit;
        }
        if (candidate.isEmpty()) {
          break;
        }
        candidate = candidate.substring(0, candidate.lastIndexOf('/'));
      }
    }
    for (Entry<T> e : regex) {
      if (e.regex().matcher(path).matches() && accept.test(e)) {
        return e;
      }
    }
    return null;
  }

  private static <T> Entry<T> first(List<Entry<T>> entries, Predicate<Entry<T>> accept) {
    if (entries != null) {
      for (Entry<T> e : entries) {
        if (accept.test(e)) {
          return e;
        }
      }
    }
    return null;
  }

  /** Prefixes are segment-wise: "/a" and "/a/" both match "/a", "/a/" and "/a/b" but not "/ab". */
  public static String trimTrailingSlash(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Collects entries; not thread-safe. */
  static final class Builder<T> {
    private final Map<String, List<Entry<T>>> exact = new HashMap<>();
    private final Map<String, List<Entry<T>>> prefix = new HashMap<>();
    private final List<Entry<T>> regex = new ArrayList<>();

    Builder<T> exact(String path, RequestConditions c, int order, T target) {
      exact
          .computeIfAbsent(path, k -> new ArrayList<>())
          .add(new Entry<>(PathKind.EXACT, path, null, c, order, target));
      return this;
    }

    Builder<T> prefix(String path, RequestConditions c, int order, T target) {
      String key = trimTrailingSlash(path);
      prefix
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Entry<>(PathKind.PREFIX, path, null, c, order, target));
      return this;
    }

    Builder<T> regex(String pattern, RequestConditions c, int order, T target) {
      regex.add(new Entry<>(PathKind.REGEX, pattern, Pattern.compile(pattern), c, order, target));
      return this;
    }

    PathIndex<T> build() {
      Comparator<Entry<T>> bySpecificity =
          Comparator.<Entry<T>>comparingInt(e -> -e.conditions().specificity())
              .thenComparingInt(Entry::order);
      exact.values().forEach(l -> l.sort(bySpecificity));
      prefix.values().forEach(l -> l.sort(bySpecificity));
      regex.sort(
          Comparator.<Entry<T>>comparingInt(e -> -e.path().length()).thenComparing(bySpecificity));
      return new PathIndex<>(Map.copyOf(exact), Map.copyOf(prefix), List.copyOf(regex));
    }
  }
}
