package io.agw.gateway.llm.exchange;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An {@code ai} backend compiled for the current state: provider groups in priority order.
 * Immutable and thread-safe.
 */
public record LlmBackend(List<List<LlmProvider>> groups) {

  /**
   * The provider for {@code model}: among the providers of the first group that has any provider
   * serving the model, the one with the most specific model name, at random among equals.
   */
  public Optional<LlmProvider> choose(String model) {
    for (List<LlmProvider> group : groups) {
      List<LlmProvider> best = new ArrayList<>();
      int bestScore = -1;
      for (LlmProvider p : group) {
        int score = score(p, model);
        if (score > bestScore) {
          best.clear();
          bestScore = score;
        }
        if (score >= 0 && score == bestScore) {
          best.add(p);
        }
      }
      if (!best.isEmpty()) {
        return Optional.of(
            best.size() == 1
                ? best.get(0)
                : best.get(ThreadLocalRandom.current().nextInt(best.size())));
      }
    }
    return Optional.empty();
  }

  /** Any provider of the first group, for requests that name no model (passthrough). */
  public LlmProvider any() {
    List<LlmProvider> first = groups.get(0);
    return first.get(ThreadLocalRandom.current().nextInt(first.size()));
  }

  /** The model ids this backend can name: configured names without wildcards, pinned models. */
  public Set<String> modelIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (List<LlmProvider> group : groups) {
      for (LlmProvider p : group) {
        p.models().stream().filter(m -> !m.isWildcard()).forEach(m -> ids.add(m.text()));
        if (p.models().isEmpty()) {
          String pinned = p.upstreamModel("");
          if (!pinned.isEmpty()) {
            ids.add(pinned);
          }
        }
      }
    }
    return ids;
  }

  private static int score(LlmProvider p, String model) {
    if (p.models().isEmpty()) {
      return 0;
    }
    int best = -1;
    for (ModelPattern m : p.models()) {
      if (m.matches(model)) {
        best = Math.max(best, 1 + Math.min(m.specificity(), Integer.MAX_VALUE - 1));
      }
    }
    return best;
  }
}
