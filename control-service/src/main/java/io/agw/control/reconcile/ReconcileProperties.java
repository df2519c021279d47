package io.agw.control.reconcile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reconcilers talk to the Kubernetes API ({@code agw.reconcile.*}).
 *
 * @param useSsaForStatus write the Gateways' statuses with server-side apply (the default); off
 *     only for API servers that do not support it, such as fabric8's mock server
 * @param leaderElection several replicas elect one that reconciles; the others wait
 */
@ConfigurationProperties("agw.reconcile")
public record ReconcileProperties(
    @DefaultValue("true") boolean useSsaForStatus, @DefaultValue LeaderElection leaderElection) {

  /**
   * @param enabled elect a leader through a {@code coordination.k8s.io} Lease (off by default: one
   *     replica needs none)
   * @param leaseName the Lease's name
   * @param leaseNamespace its namespace; empty means the namespace the service runs in
   */
  public record LeaderElection(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("agw-control") String leaseName,
      @DefaultValue("") String leaseNamespace) {}
}
