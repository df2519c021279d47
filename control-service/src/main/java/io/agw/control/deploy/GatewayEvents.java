package io.agw.control.deploy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning events on Gateways (what {@code kubectl describe gateway} shows), one per distinct
 * problem: the same problem found again on the next reconciliation is not repeated. The Gateway's
 * status belongs to the translating reconciler, so the deployer reports through events instead.
 *
 * <p>Thread-safe.
 */
final class GatewayEvents {

  private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);

  private final KubernetesClient client;
  private final Map<String, String> lastProblem = new ConcurrentHashMap<>();

  GatewayEvents(KubernetesClient client) {
    this.client = client;
  }

  void warn(Gateway gateway, String reason, String message) {
    String key = key(gateway);
    if (message.equals(lastProblem.put(key, message))) {
      return;
    }
    log.warn("gateway {}: {}", key, message);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                gateway.getMetadata().getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(gateway.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("Gateway")
            .withName(gateway.getMetadata().getName())
            .withNamespace(gateway.getMetadata().getNamespace())
            .withUid(gateway.getMetadata().getUid())
            .endInvolvedObject()
            .withType("Warning")
            .withReason(reason)
            .withMessage(message)
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(GatewayObjectsBuilder.MANAGED_BY)
            .endSource()
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(gateway.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      log.warn("could not record an event on gateway {}: {}", key, e.getMessage());
    }
  }

  /** The Gateway's problem is gone (or the Gateway is): the next one is reported again. */
  void forget(Gateway gateway) {
    lastProblem.remove(key(gateway));
  }

  private static String key(Gateway gateway) {
    return gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
  }
}
