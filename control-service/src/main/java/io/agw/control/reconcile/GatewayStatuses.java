package io.agw.control.reconcile;

import io.agw.control.translate.StatusCondition;
import io.agw.control.translate.Translation;
import io.agw.control.xds.GatewayDeliveries;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKindBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of one of our Gateways: the translator's conditions and listener statuses, with the
 * gateway's last rejection (NACK) folded into {@code Programmed}: the configuration was not
 * applied, and the gateway keeps serving its previous one. Pure.
 */
final class GatewayStatuses {

  static final String PROGRAMMED = "Programmed";

  private GatewayStatuses() {}

  static GatewayStatus of(
      Gateway gateway, Translation.GatewayResult result, GatewayDeliveries.Nack nack, Instant now) {
    GatewayStatus current = gateway.getStatus();
    Long generation = gateway.getMetadata().getGeneration();
    List<StatusCondition> wanted = new ArrayList<>();
    for (StatusCondition c : result.conditions()) {
      if (nack != null && PROGRAMMED.equals(c.type()) && c.status()) {
        wanted.add(
            new StatusCondition(
                PROGRAMMED,
                false,
                "Invalid",
                "the gateway rejected configuration version "
                    + nack.version()
                    + " and keeps serving its previous configuration: "
                    + nack.message()));
      } else {
        wanted.add(c);
      }
    }
    List<ListenerStatus> listeners = new ArrayList<>();
    for (Translation.ListenerResult l : result.listeners()) {
      listeners.add(
          new ListenerStatusBuilder()
              .withName(l.name())
              .withAttachedRoutes(l.attachedRoutes())
              .withSupportedKinds(
                  new RouteGroupKindBuilder()
                      .withGroup("gateway.networking.k8s.io")
                      .withKind("HTTPRoute")
                      .build())
              .withConditions(
                  Conditions.of(
                      l.conditions(), currentListener(current, l.name()), generation, now))
              .build());
    }
    return new GatewayStatusBuilder()
        .withAddresses(current == null ? null : current.getAddresses())
        .withConditions(
            Conditions.of(
                wanted, current == null ? null : current.getConditions(), generation, now))
        .withListeners(listeners)
        .build();
  }

  private static List<Condition> currentListener(GatewayStatus current, String name) {
    if (current == null || current.getListeners() == null) {
      return null;
    }
    return current.getListeners().stream()
        .filter(l -> name.equals(l.getName()))
        .findFirst()
        .map(ListenerStatus::getConditions)
        .orElse(null);
  }
}
