package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

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

  /** Route orders count seconds from here, so that they fit the gateway's int until 2088. */
  private static final long ORDER_EPOCH = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

  /**
   * A route's {@code order}: its creation time in seconds (the resolution of Kubernetes
   * timestamps). The gateway breaks equal orders by key ({@code route/<namespace>/<name>/...}),
   * which is Gateway API's tie-break after the creation time. A position in the sorted list would
   * say the same, but adding or deleting one route would then change the order of every later
   * route, and a delta would resend them all.
   */
  static int order(HasMetadata o) {
    String ts = o.getMetadata().getCreationTimestamp();
    if (ts == null) {
      return 0;
    }
    try {
      long seconds = Instant.parse(ts).getEpochSecond() - ORDER_EPOCH;
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

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
    BiPredicate<String, String> serviceExists =
        (ns, name) ->
            view.services().stream()
                .anyMatch(
                    s ->
                        ns.equals(s.getMetadata().getNamespace())
                            && name.equals(s.getMetadata().getName()));
    AgentgatewayBackends backends =
        new AgentgatewayBackends(view.backends(), secrets, serviceExists);
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
    PolicyAttachments policies =
        new PolicyAttachments(
            view.policies(),
            targets::contains,
            serviceExists,
            new ApiKeySources(view.secrets(), view.configMaps()));
    gateways.values().forEach(g -> g.addListeners(policies));

    RouteTranslator routes =
        new RouteTranslator(new BackendRefs(view, grants, backends), policies, gateways);
    Map<String, List<Translation.RouteParentResult>> routeStatuses = new LinkedHashMap<>();
    List<HTTPRoute> orderedRoutes = new ArrayList<>(view.httpRoutes());
    orderedRoutes.sort(AGE);
    for (HTTPRoute r : orderedRoutes) {
      List<Translation.RouteParentResult> parents = routes.translate(r, order(r));
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
