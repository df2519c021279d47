package io.agw.gateway.llm.balance;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Power of two choices: draws two different candidates at random, each with a probability
 * proportional to its weight, and keeps the one with the lower {@link Endpoint#cost()}. Compared
 * with always taking the cheapest, it does not send a burst of requests to the one endpoint that
 * looked best a moment ago; compared with pure random choice, a slow or busy endpoint gets clearly
 * less traffic. Stateless and thread-safe (the random source is the caller's).
 */
public final class P2cPicker {

  private P2cPicker() {}

  /**
   * Picks one of {@code candidates}, which must not be empty.
   *
   * @param random the random source (a per-thread one at run time, a seeded one in tests)
   */
  public static <T extends Balanced> T pick(List<T> candidates, RandomGenerator random) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("nothing to pick from");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    int first = draw(candidates, -1, random);
    int second = draw(candidates, first, random);
    T a = candidates.get(first);
    T b = candidates.get(second);
    // On equal cost the first draw wins, so that weights decide between equals.
    return b.endpoint().cost() < a.endpoint().cost() ? b : a;
  }

  /** An index drawn with probability proportional to weight, never {@code excluded}. */
  private static int draw(List<? extends Balanced> candidates, int excluded, RandomGenerator r) {
    long total = 0;
    for (int i = 0; i < candidates.size(); i++) {
      if (i != excluded) {
        total += weight(candidates.get(i));
      }
    }
    long ticket = r.nextLong(total);
    for (int i = 0; i < candidates.size(); i++) {
      if (i == excluded) {
        continue;
      }
      ticket -= weight(candidates.get(i));
      if (ticket < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: the weights add up to " + total);
  }

  private static int weight(Balanced b) {
    return Math.max(1, b.weight());
  }
}
