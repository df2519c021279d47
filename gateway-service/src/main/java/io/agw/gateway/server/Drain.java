package io.agw.gateway.server;

import java.time.Duration;

/**
 * How the traffic ports drain when the gateway stops (agentgateway's {@code
 * config.connectionMinTerminationDeadline} and {@code config.connectionTerminationDeadline}). For
 * {@code minDeadline} the ports keep accepting connections, each answer closing its connection
 * ({@code Connection: close}) so that clients move on; then the ports close (new connections are
 * refused) and in-flight requests may finish until {@code deadline}, counted from the start of the
 * drain; connections still open then are cut. A port closed by a configuration change drains the
 * same way, without the minimum.
 *
 * @param deadline the longest a drain lasts
 * @param minDeadline how long the ports keep accepting connections first (zero: not at all)
 */
public record Drain(Duration deadline, Duration minDeadline) {

  public Drain {
    deadline = deadline == null || deadline.isNegative() ? Duration.ofSeconds(5) : deadline;
    minDeadline =
        minDeadline == null || minDeadline.isNegative()
            ? Duration.ZERO
            : minDeadline.compareTo(deadline) > 0 ? deadline : minDeadline;
  }
}
