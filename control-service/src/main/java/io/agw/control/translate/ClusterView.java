package io.agw.control.translate;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.List;

/** Everything the translator reads, as gathered from the cluster (or a test file). Immutable. */
public record ClusterView(
    List<GatewayClass> gatewayClasses,
    List<Gateway> gateways,
    List<HTTPRoute> httpRoutes,
    List<ReferenceGrant> referenceGrants,
    List<Service> services,
    List<AgentgatewayBackend> backends,
    List<AgentgatewayPolicy> policies) {

  public ClusterView {
    gatewayClasses = List.copyOf(gatewayClasses);
    gateways = List.copyOf(gateways);
    httpRoutes = List.copyOf(httpRoutes);
    referenceGrants = List.copyOf(referenceGrants);
    services = List.copyOf(services);
    backends = List.copyOf(backends);
    policies = List.copyOf(policies);
  }
}
