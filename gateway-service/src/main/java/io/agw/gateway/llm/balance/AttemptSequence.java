package io.agw.gateway.llm.balance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The order in which one request tries its candidates: priority groups one after the other, up to
 * {@code attemptsPerGroup} tries in each, each try picked with {@link P2cPicker} among the group's
 * endpoints that are not ejected and not yet tried by this request. A retry in the same group may
 * go back to an endpoint this request already tried (even if that failure ejected it: the user
 * asked for retries) when no other is left; a first try never picks an ejected endpoint, so a group
 * whose endpoints are all ejected is skipped. When every endpoint of every group is ejected, the
 * first group is tried anyway rather than refusing the request.
 *
 * <p>One instance per request; not thread-safe (the attempts of a request run one after the other).
 *
 * @param <T> the candidates' type
 */
public final class AttemptSequence<T extends Balanced> {

  /** The next attempt: what to call and whether it moved to a later group. */
  public record Attempt<T>(T target, int group, int attemptInGroup, boolean newGroup) {}

  private final List<List<T>> groups;
  private final int attemptsPerGroup;
  private final RandomGenerator random;
  private final Set<T> tried = new HashSet<>();
  private int group;
  private int attemptInGroup;
  private boolean started;

  /**
   * @param groups candidate groups in priority order; none empty
   * @param attemptsPerGroup tries per group, the first included (at least 1)
   */
  public AttemptSequence(List<List<T>> groups, int attemptsPerGroup, RandomGenerator random) {
    this.groups = groups;
    this.attemptsPerGroup = Math.max(1, attemptsPerGroup);
    this.random = random;
  }

  /** The next attempt, or empty when the groups and their retries are used up. */
  public Optional<Attempt<T>> next() {
    if (!started) {
      started = true;
      Optional<Attempt<T>> first = firstFrom(0);
      if (first.isEmpty() && !groups.isEmpty()) {
        // Everything is ejected: trying beats refusing, the ejection may be stale.
        return Optional.of(record(0, 0, P2cPicker.pick(groups.get(0), random), false));
      }
      return first;
    }
    if (attemptInGroup + 1 < attemptsPerGroup) {
      List<T> fresh = available(groups.get(group), true);
      List<T> pool = fresh.isEmpty() ? triedIn(groups.get(group)) : fresh;
      if (!pool.isEmpty()) {
        return Optional.of(record(group, attemptInGroup + 1, P2cPicker.pick(pool, random), false));
      }
    }
    return firstFrom(group + 1);
  }

  private Optional<Attempt<T>> firstFrom(int start) {
    for (int g = start; g < groups.size(); g++) {
      List<T> pool = available(groups.get(g), true);
      if (!pool.isEmpty()) {
        return Optional.of(record(g, 0, P2cPicker.pick(pool, random), g > 0));
      }
    }
    return Optional.empty();
  }

  private Attempt<T> record(int g, int attempt, T target, boolean newGroup) {
    group = g;
    attemptInGroup = attempt;
    tried.add(target);
    return new Attempt<>(target, g, attempt, newGroup);
  }

  private List<T> available(List<T> group, boolean skipTried) {
    List<T> out = new ArrayList<>(group.size());
    for (T t : group) {
      if (!(skipTried && tried.contains(t)) && !t.endpoint().ejected()) {
        out.add(t);
      }
    }
    return out;
  }

  private List<T> triedIn(List<T> group) {
    List<T> out = new ArrayList<>(group.size());
    for (T t : group) {
      if (tried.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
