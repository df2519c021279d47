package io.agw.model.config.read;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where each part of the rewritten tree came from: a path in the {@code binds} layout that the
 * {@link LayoutNormalizer} wrote, and the path of the same part in the file as written (v1.4
 * layout). A path is translated by its longest rewritten prefix; paths outside every rewritten part
 * stay as they are. One instance per read; not thread-safe while it is being filled.
 */
final class PathTranslation implements UnaryOperator<String> {

  private final Map<String, String> originalByRewritten = new LinkedHashMap<>();

  /** Records that {@code rewritten} (and everything below it) was written at {@code original}. */
  void map(String rewritten, String original) {
    originalByRewritten.put(rewritten, original);
  }

  boolean isEmpty() {
    return originalByRewritten.isEmpty();
  }

  @Override
  public String apply(String path) {
    String best = null;
    for (String prefix : originalByRewritten.keySet()) {
      if (isAtOrBelow(path, prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    if (best == null) {
      return path;
    }
    String rest = path.substring(best.length());
    String original = originalByRewritten.get(best);
    if (original.isEmpty() && rest.startsWith(".")) {
      return rest.substring(1);
    }
    return original + rest;
  }

  private static boolean isAtOrBelow(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
  }
}
