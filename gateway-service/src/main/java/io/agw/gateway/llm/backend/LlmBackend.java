package io.agw.gateway.llm.backend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An {@code ai} backend compiled for the current state: provider groups in priority order, and the
 * conditional virtual models by name. Immutable and thread-safe.
 */
public record LlmBackend(
    List<List<LlmProvider>> groups, Map<String, ConditionalModel> conditionalModels) {

  /** A backend without conditional models. */
  public LlmBackend(List<List<LlmProvider>> groups) {
    this(groups, Map.of());
  }

  /** The conditional virtual model named {@code model}, if there is one. */
  public Optional<ConditionalModel> conditional(String model) {
    return Optional.ofNullable(conditionalModels.get(model));
  }

  /**
   * The providers a client asking for {@code model} may reach, by priority group: in each group
   * that has a provider serving the model, the providers with the most specific model name; groups
   * without one are left out. Internal providers are left out. Empty when no provider serves the
   * model.
   */
  public List<List<LlmProvider>> candidates(String model) {
    return candidates(model, false, null);
  }

  /**
   * As {@link #candidates(String)}, with internal providers too when {@code includeInternal} (for
   * the target a conditional virtual model chose), and only providers whose header matches accept
   * {@code headers} (null: matches are not checked).
   */
  public List<List<LlmProvider>> candidates(
      String model, boolean includeInternal, org.springframework.http.HttpHeaders headers) {
    List<List<LlmProvider>> out = new ArrayList<>();
    for (List<LlmProvider> group : groups) {
      List<LlmProvider> best = new ArrayList<>();
      int bestScore = -1;
      for (LlmProvider p : group) {
        boolean hidden = !includeInternal && p.config().getInternal();
        int score = hidden || !p.accepts(headers) ? -1 : score(p, model);
        if (score > bestScore) {
          best.clear();
          bestScore = score;
        }
        if (score >= 0 && score == bestScore) {
          best.add(p);
        }
      }
      if (!best.isEmpty()) {
        out.add(List.copyOf(best));
      }
    }
    return out;
  }

  /** A provider for {@code model}: one of the first group that serves it, at random. */
  public Optional<LlmProvider> choose(String model) {
    List<List<LlmProvider>> candidates = candidates(model);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    List<LlmProvider> first = candidates.get(0);
    return Optional.of(first.get(ThreadLocalRandom.current().nextInt(first.size())));
  }

  /** The first group, for requests that name no model (passthrough). */
  public List<LlmProvider> firstGroup() {
    return groups.get(0);
  }

  /**
   * The model ids this backend can name: configured names without wildcards, pinned models, and
   * conditional virtual models; internal providers are left out.
   */
  public Set<String> modelIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (List<LlmProvider> group : groups) {
      for (LlmProvider p : group) {
        if (p.config().getInternal()) {
          continue;
        }
        p.models().stream().filter(m -> !m.isWildcard()).forEach(m -> ids.add(m.text()));
        if (p.models().isEmpty()) {
          String pinned = p.upstreamModel("");
          if (!pinned.isEmpty()) {
            ids.add(pinned);
          }
        }
      }
    }
    ids.addAll(new java.util.TreeSet<>(conditionalModels.keySet()));
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
