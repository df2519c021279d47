package io.agw.model.config.read;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the supported field name a misspelled one was probably meant to be. */
final class FieldSuggestions {

  private FieldSuggestions() {}

  /**
   * The closest candidate by edit distance if it is close enough to be a likely typo, else a
   * candidate that contains the name.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    if (bestDistance <= allowed) {
      return Optional.of(best);
    }
    // A part of the right name, such as "prefix" for "pathPrefix".
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.length() < 4
        ? Optional.empty()
        : candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).contains(lower)).findFirst();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
