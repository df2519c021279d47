package io.agw.control.reconcile;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica leads: always without leader election; with it, from the election's
 * callbacks. Thread-safe.
 */
public final class Leadership {

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private volatile boolean leader;

  Leadership(boolean electionEnabled) {
    this.leader = !electionEnabled;
  }

  /** True when this replica reconciles and writes statuses. */
  public boolean isLeader() {
    return leader;
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(
        () -> {
          leader = true;
          log.info("leading: reconciling and writing statuses");
        },
        () -> {
          leader = false;
          log.info("no longer leading");
        },
        identity -> log.info("the leader is {}", identity));
  }
}
