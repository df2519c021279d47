package io.agw.control.reconcile;

import io.agw.control.deploy.GatewayDeploymentReconciler;
import io.agw.control.xds.DeltaAdsService;
import io.agw.control.xds.GatewayDeliveries;
import io.agw.control.xds.SnapshotCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator: one JOSDK {@link Operator} with the {@link GatewayReconciler} and the deployer's
 * reconciler (when enabled), started after the context is ready (the xDS server is already serving
 * then) and stopped first on shutdown ({@link ShutdownSequence}).
 *
 * <p>The Kubernetes client comes from the usual places (in-cluster service account, {@code
 * KUBECONFIG}, {@code kubernetes.master}); a context may provide its own {@link KubernetesClient}
 * bean instead, as tests do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
class ReconcileConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  @Bean
  GatewayReconciler gatewayReconciler(SnapshotCache snapshots, GatewayDeliveries deliveries) {
    return new GatewayReconciler(snapshots, deliveries);
  }

  @Bean
  Leadership leadership(ReconcileProperties properties) {
    return new Leadership(properties.leaderElection().enabled());
  }

  @Bean
  FollowerPublisher followerPublisher(
      GatewayReconciler gateways,
      Leadership leadership,
      SnapshotCache snapshots,
      ReconcileProperties properties) {
    return new FollowerPublisher(gateways, leadership, snapshots, properties.followerRefresh());
  }

  @Bean
  Operator operator(
      KubernetesClient client,
      ReconcileProperties properties,
      GatewayReconciler gateways,
      Leadership leadership,
      ObjectProvider<GatewayDeploymentReconciler> deployer) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(properties.useSsaForStatus());
              ReconcileProperties.LeaderElection election = properties.leaderElection();
              if (election.enabled()) {
                var config =
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            election.leaseName())
                        .withLeaderCallbacks(leadership.callbacks())
                        .withExitOnStopLeading(election.exitOnStopLeading());
                if (!election.leaseNamespace().isEmpty()) {
                  config.withLeaseNamespace(election.leaseNamespace());
                }
                if (!election.identity().isEmpty()) {
                  config.withIdentity(election.identity());
                }
                o.withLeaderElectionConfiguration(config.build());
              }
            });
    operator.register(gateways);
    // The deployer (io.agw.control.deploy), unless agw.deploy.enabled=false.
    deployer.ifAvailable(operator::register);
    return operator;
  }

  @Bean
  OperatorLifecycle operatorLifecycle(Operator operator) {
    return new OperatorLifecycle(operator);
  }

  @Bean
  ShutdownSequence shutdownSequence(
      FollowerPublisher follower, OperatorLifecycle operator, DeltaAdsService ads) {
    return new ShutdownSequence(follower, operator, ads);
  }
}
