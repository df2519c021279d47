package io.agw.control.reconcile;

import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayBackendStatus;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.crd.AgentgatewayPolicyStatus;
import io.agw.control.translate.ClusterView;
import io.agw.control.translate.StatusCondition;
import io.agw.control.translate.Translation;
import io.agw.control.translate.Translator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the statuses of the objects around our Gateways: each HTTPRoute's parent statuses for our
 * Gateways (other controllers' entries are kept), each AgentgatewayPolicy's and
 * AgentgatewayBackend's conditions and each of our GatewayClasses' {@code Accepted}. An object is
 * written only when its status differs, so writing after every translation is cheap and converges.
 *
 * <p>Thread-safe (stateless apart from the client). A failed write is logged and left to the next
 * reconciliation.
 */
final class StatusWriter {

  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  private final KubernetesClient client;

  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(ClusterView view, Translation translation) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (HTTPRoute route : view.httpRoutes()) {
      String key = key(route.getMetadata().getNamespace(), route.getMetadata().getName());
      HTTPRouteStatus wanted =
          routeStatus(route, translation.routes().getOrDefault(key, List.of()), now);
      HTTPRouteStatus current = route.getStatus();
      if (!sameParents(current, wanted)) {
        patch(
            key,
            () ->
                client
                    .resources(HTTPRoute.class)
                    .inNamespace(route.getMetadata().getNamespace())
                    .withName(route.getMetadata().getName())
                    .editStatus(
                        r -> {
                          r.setStatus(wanted);
                          return r;
                        }));
      }
    }
    for (AgentgatewayPolicy policy : view.policies()) {
      String key = key(policy.getMetadata().getNamespace(), policy.getMetadata().getName());
      List<StatusCondition> conditions = translation.policies().get(key);
      if (conditions == null) {
        continue;
      }
      List<Condition> current =
          policy.getStatus() == null ? null : policy.getStatus().getConditions();
      List<Condition> wanted =
          Conditions.of(conditions, current, policy.getMetadata().getGeneration(), now);
      if (!wanted.equals(current)) {
        AgentgatewayPolicyStatus status = new AgentgatewayPolicyStatus();
        status.setConditions(wanted);
        patch(
            key,
            () ->
                client
                    .resources(AgentgatewayPolicy.class)
                    .inNamespace(policy.getMetadata().getNamespace())
                    .withName(policy.getMetadata().getName())
                    .editStatus(
                        p -> {
                          p.setStatus(status);
                          return p;
                        }));
      }
    }
    for (AgentgatewayBackend backend : view.backends()) {
      String key = key(backend.getMetadata().getNamespace(), backend.getMetadata().getName());
      List<StatusCondition> conditions = translation.backends().get(key);
      if (conditions == null) {
        continue;
      }
      List<Condition> current =
          backend.getStatus() == null ? null : backend.getStatus().getConditions();
      List<Condition> wanted =
          Conditions.of(conditions, current, backend.getMetadata().getGeneration(), now);
      if (!wanted.equals(current)) {
        AgentgatewayBackendStatus status = new AgentgatewayBackendStatus();
        status.setConditions(wanted);
        patch(
            key,
            () ->
                client
                    .resources(AgentgatewayBackend.class)
                    .inNamespace(backend.getMetadata().getNamespace())
                    .withName(backend.getMetadata().getName())
                    .editStatus(
                        b -> {
                          b.setStatus(status);
                          return b;
                        }));
      }
    }
    for (GatewayClass gc : view.gatewayClasses()) {
      StatusCondition accepted = translation.gatewayClasses().get(gc.getMetadata().getName());
      if (accepted == null) {
        continue;
      }
      List<Condition> current = gc.getStatus() == null ? null : gc.getStatus().getConditions();
      List<Condition> wanted =
          Conditions.of(List.of(accepted), current, gc.getMetadata().getGeneration(), now);
      if (!wanted.equals(current)) {
        patch(
            gc.getMetadata().getName(),
            () ->
                client
                    .resources(GatewayClass.class)
                    .withName(gc.getMetadata().getName())
                    .editStatus(
                        c -> {
                          c.setStatus(new GatewayClassStatus(wanted, null));
                          return c;
                        }));
      }
    }
  }

  /** Other controllers' parents as they are, then ours as the translation decided. */
  static HTTPRouteStatus routeStatus(
      HTTPRoute route, List<Translation.RouteParentResult> ours, Instant now) {
    List<RouteParentStatus> current =
        route.getStatus() == null || route.getStatus().getParents() == null
            ? List.of()
            : route.getStatus().getParents();
    List<RouteParentStatus> parents = new ArrayList<>();
    for (RouteParentStatus p : current) {
      if (!Translator.CONTROLLER_NAME.equals(p.getControllerName())) {
        parents.add(p);
      }
    }
    for (Translation.RouteParentResult r : ours) {
      int slash = r.gateway().indexOf('/');
      ParentReference ref =
          new ParentReferenceBuilder()
              .withGroup(GATEWAY_GROUP)
              .withKind("Gateway")
              .withNamespace(r.gateway().substring(0, slash))
              .withName(r.gateway().substring(slash + 1))
              .withSectionName(r.sectionName())
              .build();
      List<Condition> previous =
          current.stream()
              .filter(p -> Translator.CONTROLLER_NAME.equals(p.getControllerName()))
              .filter(p -> sameRef(p.getParentRef(), ref))
              .findFirst()
              .map(RouteParentStatus::getConditions)
              .orElse(null);
      parents.add(
          new RouteParentStatusBuilder()
              .withControllerName(Translator.CONTROLLER_NAME)
              .withParentRef(ref)
              .withConditions(
                  Conditions.of(r.conditions(), previous, route.getMetadata().getGeneration(), now))
              .build());
    }
    return new HTTPRouteStatus(parents);
  }

  private static boolean sameParents(HTTPRouteStatus current, HTTPRouteStatus wanted) {
    List<RouteParentStatus> have =
        current == null || current.getParents() == null ? List.of() : current.getParents();
    return have.equals(wanted.getParents());
  }

  private static boolean sameRef(ParentReference a, ParentReference b) {
    return a != null
        && Objects.equals(a.getName(), b.getName())
        && Objects.equals(a.getNamespace(), b.getNamespace())
        && Objects.equals(a.getSectionName(), b.getSectionName());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static void patch(String what, Runnable write) {
    try {
      write.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        // Another reconciliation wrote it first; its write triggers one more pass that compares.
        log.debug("status of {} changed meanwhile; left to the next pass", what);
      } else {
        log.warn("could not write the status of {}: {}", what, e.getMessage());
      }
    }
  }
}
