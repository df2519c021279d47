package io.agw.control.reconcile;

import io.agw.control.translate.ClusterView;
import io.agw.control.translate.Translation;
import io.agw.control.translate.Translator;
import io.agw.control.xds.GatewayDeliveries;
import io.agw.control.xds.SnapshotCache;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles each Gateway: translates the cluster view (from the informer caches), publishes this
 * Gateway's resources to the {@link SnapshotCache} (node id {@code <namespace>/<name>}), writes the
 * statuses around it and returns its own status, with the gateway's last NACK.
 *
 * <p>It runs on every event, deletes included ({@code triggerReconcilerOnAllEvents}): a deleted
 * Gateway, or one that is not of our GatewayClass, has its snapshot dropped; no finalizer is needed
 * because nothing outside this process has to be cleaned up. Events come from the Gateways
 * themselves, from every object the translator reads ({@link ClusterCaches}) and from the xDS
 * server when a gateway's NACK state changes.
 *
 * <p>JOSDK calls it concurrently for different Gateways; all it shares is thread-safe.
 */
@ControllerConfiguration(name = GatewayReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class GatewayReconciler implements Reconciler<Gateway> {

  static final String NAME = "gateways";
  private static final Logger log = LoggerFactory.getLogger(GatewayReconciler.class);

  private final Translator translator = new Translator();
  private final SnapshotCache snapshots;
  private final GatewayDeliveries deliveries;
  private volatile ClusterCaches caches;
  private volatile StatusWriter statuses;

  public GatewayReconciler(SnapshotCache snapshots, GatewayDeliveries deliveries) {
    this.snapshots = snapshots;
    this.deliveries = deliveries;
  }

  @Override
  public List<EventSource<?, Gateway>> prepareEventSources(EventSourceContext<Gateway> context) {
    caches = new ClusterCaches(context);
    statuses = new StatusWriter(context.getClient());
    SimpleInboundEventSource<Gateway> nacks = new SimpleInboundEventSource<>("nacks");
    deliveries.onNackChange(
        nodeId -> {
          int slash = nodeId.indexOf('/');
          nacks.propagateEvent(
              new ResourceID(nodeId.substring(slash + 1), nodeId.substring(0, slash)));
        });
    List<EventSource<?, Gateway>> sources = new ArrayList<>(caches.eventSources());
    sources.add(nacks);
    return sources;
  }

  /** The cluster as the informer caches see it, or null before the event sources exist. */
  ClusterView currentView() {
    ClusterCaches c = caches;
    return c == null ? null : c.view();
  }

  @Override
  public UpdateControl<Gateway> reconcile(Gateway gateway, Context<Gateway> context) {
    String nodeId = gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
    ClusterView view = caches.view();
    Translation translation = translator.translate(view);
    Translation.GatewayResult result =
        context.isPrimaryResourceDeleted() ? null : translation.gateways().get(nodeId);
    // Gateways first: the status writes are API calls, and the traffic should not wait for them.
    if (result == null) {
      snapshots.remove(nodeId);
    } else {
      snapshots.publish(nodeId, result.resources());
    }
    statuses.write(view, translation);
    if (result == null) {
      log.debug("gateway {} is not (or no longer) ours", nodeId);
      return UpdateControl.noUpdate();
    }
    GatewayDeliveries.Nack nack =
        deliveries.delivery(nodeId).map(GatewayDeliveries.Delivery::lastNack).orElse(null);
    GatewayStatus status =
        GatewayStatuses.of(gateway, result, nack, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    if (status.equals(gateway.getStatus())) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(new GatewayBuilder(gateway).withStatus(status).build());
  }
}
