package io.agw.control.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reconcilers talk to the Kubernetes API ({@code agw.reconcile.*}).
 *
 * @param useSsaForStatus write the Gateways' statuses with server-side apply (the default); off
 *     only for API servers that do not support it, such as fabric8's mock server
 * @param leaderElection several replicas elect one that reconciles and writes statuses; the others
 *     (followers) translate from their own caches and serve the same snapshots
 * @param followerRefresh how often a follower checks its caches for changes to translate
 */
@ConfigurationProperties("agw.reconcile")
public record ReconcileProperties(
    @DefaultValue("true") boolean useSsaForStatus,
    @DefaultValue LeaderElection leaderElection,
    @DefaultValue("500ms") Duration followerRefresh) {

  /**
   * @param enabled elect a leader through a {@code coordination.k8s.io} Lease (off by default: one
   *     replica needs none)
   * @param leaseName the Lease's name
   * @param leaseNamespace its namespace; empty means the namespace the service runs in
   * @param identity this replica's name in the Lease; empty means {@code HOSTNAME} (the pod name)
   * @param exitOnStopLeading end the process when leadership is lost (JOSDK's default, so that two
   *     replicas never reconcile at once); off only in tests running several replicas in one JVM
   */
  public record LeaderElection(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("agw-control") String leaseName,
      @DefaultValue("") String leaseNamespace,
      @DefaultValue("") String identity,
      @DefaultValue("true") boolean exitOnStopLeading) {}
}
