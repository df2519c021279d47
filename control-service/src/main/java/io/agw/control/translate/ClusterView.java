package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.List;

/**
 * Everything the translator reads, as gathered from the cluster (or a test file). Immutable. The
 * Secrets are those backends, listeners and API key policies may refer to, the ConfigMaps those API
 * key policies may select; {@link #toString()} shows counts only.
 */
public record ClusterView(
    List<GatewayClass> gatewayClasses,
    List<Gateway> gateways,
    List<HTTPRoute> httpRoutes,
    List<ReferenceGrant> referenceGrants,
    List<Service> services,
    List<AgentgatewayBackend> backends,
    List<AgentgatewayPolicy> policies,
    List<Secret> secrets,
    List<ConfigMap> configMaps) {

  public ClusterView {
    gatewayClasses = List.copyOf(gatewayClasses);
    gateways = List.copyOf(gateways);
    httpRoutes = List.copyOf(httpRoutes);
    referenceGrants = List.copyOf(referenceGrants);
    services = List.copyOf(services);
    backends = List.copyOf(backends);
    policies = List.copyOf(policies);
    secrets = List.copyOf(secrets);
    configMaps = List.copyOf(configMaps);
  }

  /** Counts only: the Secrets' values must never reach a log line. */
  @Override
  public String toString() {
    return "ClusterView[gateways="
        + gateways.size()
        + ", httpRoutes="
        + httpRoutes.size()
        + ", backends="
        + backends.size()
        + ", policies="
        + policies.size()
        + ", secrets="
        + secrets.size()
        + ", configMaps="
        + configMaps.size()
        + "]";
  }
}
