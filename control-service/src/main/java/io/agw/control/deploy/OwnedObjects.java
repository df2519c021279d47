package io.agw.control.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, updates and deletes the objects of one kind that the deployer owns, reading the current
 * state from an informer (labelled objects only) and recording its own writes there so that they do
 * not trigger another reconciliation.
 *
 * <p>An existing object is updated only when its {@link GatewayObjectsBuilder#HASH_ANNOTATION}
 * differs from the desired one: the current object with the deployer's fields replaced by the
 * desired ones ({@link Merge}) is written back with its {@code resourceVersion} (a conflict is left
 * to the next event), so fields the API server filled in (a Service's cluster IP, say) stay. An
 * object of that name that the Gateway does not control is never touched.
 *
 * <p>Thread-safe: JOSDK never reconciles one Gateway concurrently, and different Gateways own
 * different objects.
 */
final class OwnedObjects<T extends HasMetadata> {

  /** What {@link #apply} did. */
  enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    NOT_OURS
  }

  /** The current object with the fields the deployer owns taken from the desired one. */
  @FunctionalInterface
  interface Merge<T> {
    T merge(T current, T desired);
  }

  private static final Logger log = LoggerFactory.getLogger(OwnedObjects.class);

  private final KubernetesClient client;
  private final Class<T> type;
  private final InformerEventSource<T, Gateway> informer;
  private final Merge<T> merge;

  OwnedObjects(
      KubernetesClient client,
      Class<T> type,
      InformerEventSource<T, Gateway> informer,
      Merge<T> merge) {
    this.client = client;
    this.type = type;
    this.informer = informer;
    this.merge = merge;
  }

  Outcome apply(Gateway gateway, T desired) {
    ResourceID id = ResourceID.fromResource(desired);
    Optional<T> current = informer.get(id);
    try {
      if (current.isEmpty()) {
        T created = client.resource(desired).create();
        informer.handleRecentResourceCreate(id, created);
        log.info("created {} {}", type.getSimpleName(), id);
        return Outcome.CREATED;
      }
      if (!controlledBy(current.get(), gateway)) {
        return Outcome.NOT_OURS;
      }
      if (Objects.equals(hash(current.get()), hash(desired))) {
        return Outcome.UNCHANGED;
      }
      T merged = merge.merge(Serialization.clone(current.get()), desired);
      merged.getMetadata().setLabels(desired.getMetadata().getLabels());
      merged.getMetadata().setAnnotations(desired.getMetadata().getAnnotations());
      merged.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
      T updated = client.resource(merged).update();
      informer.handleRecentResourceUpdate(id, updated, current.get());
      log.info("updated {} {}", type.getSimpleName(), id);
      return Outcome.UPDATED;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 && current.isPresent()) {
        // Changed since our cache saw it: its own event brings us back with the new version.
        log.debug("{} {} changed meanwhile; left to the next event", type.getSimpleName(), id);
        return Outcome.UNCHANGED;
      }
      if (e.getCode() == 409) {
        // Either not in our cache yet, or someone else's object without our label: the next
        // event (ours arriving in the cache) decides; someone else's is reported as not ours.
        T existing = client.resource(desired).get();
        return existing != null && !controlledBy(existing, gateway)
            ? Outcome.NOT_OURS
            : Outcome.UNCHANGED;
      }
      throw e;
    }
  }

  /** Deletes the object of that name if this Gateway (by name) controls it. */
  void delete(Gateway gateway) {
    ResourceID id = ResourceID.fromResource(gateway);
    informer
        .get(id)
        .filter(current -> controlledBy(current, gateway))
        .ifPresent(
            current -> {
              client.resource(current).delete();
              log.info("deleted {} {}", type.getSimpleName(), id);
            });
  }

  /**
   * Controlled by a Gateway of this name. The uid is not compared: a Gateway deleted and created
   * again takes its objects over (the patch rewrites the owner reference) before the garbage
   * collector would remove them.
   */
  static boolean controlledBy(HasMetadata object, Gateway gateway) {
    return object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream()
            .anyMatch(
                o ->
                    "Gateway".equals(o.getKind())
                        && Boolean.TRUE.equals(o.getController())
                        && gateway.getMetadata().getName().equals(o.getName()));
  }

  private static String hash(HasMetadata object) {
    return object.getMetadata().getAnnotations() == null
        ? null
        : object.getMetadata().getAnnotations().get(GatewayObjectsBuilder.HASH_ANNOTATION);
  }
}
