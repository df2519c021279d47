package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure translation from a cluster view to the resources of every Gateway of our GatewayClasses
 * (those whose {@code controllerName} is {@link #CONTROLLER_NAME}) and the statuses to write. No
 * I/O, no clock, deterministic: the same view gives the same output.
 */
public final class Translator {

  /** The {@code GatewayClass.spec.controllerName} this control service claims. */
  public static final String CONTROLLER_NAME = "agw.io/gateway-controller";

  /** Oldest first, then by namespace and name: Gateway API's tie-breaking order. */
  private static final Comparator<HasMetadata> AGE =
      Comparator.comparing(
              (HasMetadata o) -> String.valueOf(o.getMetadata().getCreationTimestamp()))
          .thenComparing(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());

  public Translation translate(ClusterView view) {
    Map<String, StatusCondition> classes = new LinkedHashMap<>();
    for (GatewayClass gc : view.gatewayClasses()) {
      if (CONTROLLER_NAME.equals(gc.getSpec().getControllerName())) {
        classes.put(
            gc.getMetadata().getName(),
            StatusCondition.ok("Accepted", "Accepted", "handled by " + CONTROLLER_NAME));
      }
    }
    ReferenceGrants grants = new ReferenceGrants(view.referenceGrants());
    SecretRefs secrets = new SecretRefs(view.secrets(), grants);
    ListenerCertificates certificates = new ListenerCertificates(secrets);
    AgentgatewayBackends backends = new AgentgatewayBackends(view.backends(), secrets);
    Map<String, GatewayBuild> gateways = new LinkedHashMap<>();
    List<Gateway> ordered = new ArrayList<>(view.gateways());
    ordered.sort(AGE);
    for (Gateway g : ordered) {
      if (classes.containsKey(g.getSpec().getGatewayClassName())) {
        GatewayBuild build = new GatewayBuild(g, certificates);
        gateways.put(build.nodeId(), build);
      }
    }
    Set<String> targets = new HashSet<>();
    for (GatewayBuild g : gateways.values()) {
      targets.add(PolicyAttachments.gateway(g.namespace, g.name));
      g.listeners.forEach(
          l -> targets.add(PolicyAttachments.listener(g.namespace, g.name, l.spec.getName())));
    }
    view.httpRoutes()
        .forEach(
            r ->
                targets.add(
                    PolicyAttachments.route(
                        r.getMetadata().getNamespace(), r.getMetadata().getName())));
    PolicyAttachments policies = new PolicyAttachments(view.policies(), targets::contains);
    gateways.values().forEach(g -> g.addListeners(policies));

    RouteTranslator routes =
        new RouteTranslator(new BackendRefs(view, grants, backends), policies, gateways);
    Map<String, List<Translation.RouteParentResult>> routeStatuses = new LinkedHashMap<>();
    List<HTTPRoute> orderedRoutes = new ArrayList<>(view.httpRoutes());
    orderedRoutes.sort(AGE);
    int order = 0;
    for (HTTPRoute r : orderedRoutes) {
      List<Translation.RouteParentResult> parents = routes.translate(r, order++);
      if (!parents.isEmpty()) {
        routeStatuses.put(
            r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), parents);
      }
    }
    Map<String, Translation.GatewayResult> results = new LinkedHashMap<>();
    gateways.forEach((id, g) -> results.put(id, g.result()));
    return new Translation(
        classes, results, routeStatuses, policies.statuses(), backends.statuses());
  }
}
