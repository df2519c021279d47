package io.agw.gateway.llm.dispatch;

import io.agw.model.resource.v1.Retry;
import java.time.Duration;
import java.util.Set;

/**
 * When an LLM route tries another provider: the upstream statuses that fail over (by default 429
 * and every 5xx; the route's {@code retry.codes} when set), the tries per priority group (the
 * route's {@code retry.attempts}, by default 1) and the pause between tries in the same group
 * ({@code retry.backoff}). Connection failures and upstream timeouts always fail over. Immutable.
 *
 * @param statuses the statuses that fail over; empty means 429 and 5xx
 * @param attemptsPerGroup tries per group, the first included
 * @param backoff the pause before a retry in the same group
 */
public record FailoverSettings(Set<Integer> statuses, int attemptsPerGroup, Duration backoff) {

  static final FailoverSettings DEFAULT = new FailoverSettings(Set.of(), 1, Duration.ZERO);

  public FailoverSettings {
    statuses = Set.copyOf(statuses);
    attemptsPerGroup = Math.max(1, attemptsPerGroup);
  }

  /** The settings of a route; {@code retry} may be null. */
  public static FailoverSettings of(Retry retry) {
    if (retry == null) {
      return DEFAULT;
    }
    Duration backoff =
        retry.hasBackoff()
            ? Duration.ofSeconds(retry.getBackoff().getSeconds(), retry.getBackoff().getNanos())
            : Duration.ZERO;
    return new FailoverSettings(
        Set.copyOf(retry.getCodesList()), Math.max(1, retry.getAttempts()), backoff);
  }

  /** Whether an upstream answer with {@code status} is discarded for another try. */
  boolean failsOver(int status) {
    return statuses.isEmpty() ? unhealthy(status) : statuses.contains(status);
  }

  /** Whether {@code status} counts against the provider's health (429 and 5xx). */
  static boolean unhealthy(int status) {
    return status == 429 || status >= 500;
  }
}
