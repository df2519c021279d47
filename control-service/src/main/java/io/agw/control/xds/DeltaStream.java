package io.agw.control.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway connection of the delta ADS stream. It owns the nonces and what the gateway holds:
 *
 * <ul>
 *   <li>The first request names the node ({@code <namespace>/<gateway>}), the type URL, and in
 *       {@code initial_resource_versions} what the gateway already holds (resume after reconnect).
 *   <li>One response is in flight at a time. Its nonce is the only one an ACK or NACK may answer;
 *       answers to older nonces are stale and ignored.
 *   <li>An ACK makes the sent snapshot what the gateway holds; the next response is the delta from
 *       there to the newest snapshot. A NACK keeps the previous holdings (the gateway keeps serving
 *       its last good state), is logged and recorded with the gateway's error; that snapshot is not
 *       sent again, and the next snapshot is sent as a delta from the holdings.
 *   <li>Subscriptions are wildcard: a gateway receives every resource of its snapshot.
 * </ul>
 *
 * <p>Thread-safe: requests arrive on gRPC's threads and snapshots on publishers' threads; both are
 * serialized on this object, which also keeps calls to the response observer sequential.
 */
final class DeltaStream implements StreamObserver<DeltaDiscoveryRequest> {

  private static final Logger log = LoggerFactory.getLogger(DeltaStream.class);

  /** A response waiting for its ACK or NACK. */
  private record InFlight(String nonce, Snapshot snapshot) {}

  private final SnapshotCache cache;
  private final GatewayDeliveries deliveries;
  private final StreamObserver<DeltaDiscoveryResponse> responses;
  private final Consumer<DeltaStream> onEnd;

  private String nodeId;
  private AutoCloseable watch;
  private Map<String, String> held = new HashMap<>();
  private Snapshot latest;
  private InFlight inFlight;
  private long rejectedVersion = -1;
  private long nonces;
  private boolean closed;
  private boolean ended;

  DeltaStream(
      SnapshotCache cache,
      GatewayDeliveries deliveries,
      StreamObserver<DeltaDiscoveryResponse> responses) {
    this(cache, deliveries, responses, stream -> {});
  }

  /**
   * @param onEnd told once when the stream ends, from either side
   */
  DeltaStream(
      SnapshotCache cache,
      GatewayDeliveries deliveries,
      StreamObserver<DeltaDiscoveryResponse> responses,
      Consumer<DeltaStream> onEnd) {
    this.cache = cache;
    this.deliveries = deliveries;
    this.responses = responses;
    this.onEnd = onEnd;
  }

  @Override
  public void onNext(DeltaDiscoveryRequest request) {
    String node;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (nodeId != null) {
        answer(request);
        return;
      }
      String refusal = refuseFirst(request);
      if (refusal != null) {
        closed = true;
        responses.onError(Status.INVALID_ARGUMENT.withDescription(refusal).asRuntimeException());
        return;
      }
      nodeId = request.getNode().getId();
      node = nodeId;
      held = new HashMap<>(request.getInitialResourceVersionsMap());
      deliveries.connected(nodeId);
      log.info(
          "gateway {} connected; it holds {} resources",
          nodeId,
          request.getInitialResourceVersionsCount());
    }
    // Outside the lock: the cache calls back into onSnapshot, and publishers hold no lock of ours.
    AutoCloseable opened = cache.watch(node, this::onSnapshot);
    synchronized (this) {
      if (!closed) {
        watch = opened;
        return;
      }
    }
    close(opened);
  }

  private static String refuseFirst(DeltaDiscoveryRequest request) {
    if (!request.hasNode() || request.getNode().getId().isBlank()) {
      return "the first request must name the node as <namespace>/<gateway>";
    }
    if (!XdsProtocol.TYPE_URL.equals(request.getTypeUrl())) {
      return "unsupported type URL " + request.getTypeUrl() + "; only " + XdsProtocol.TYPE_URL;
    }
    return null;
  }

  private void answer(DeltaDiscoveryRequest request) {
    String nonce = request.getResponseNonce();
    if (nonce.isEmpty()) {
      // A subscription change; every stream is a wildcard subscription, so nothing changes.
      return;
    }
    if (inFlight == null || !inFlight.nonce().equals(nonce)) {
      log.debug("gateway {}: ignoring an answer to stale nonce {}", nodeId, nonce);
      return;
    }
    Snapshot sent = inFlight.snapshot();
    inFlight = null;
    if (request.hasErrorDetail()) {
      rejectedVersion = sent.version();
      String message = request.getErrorDetail().getMessage();
      deliveries.nacked(nodeId, sent.version(), message);
      log.warn(
          "gateway {} rejected snapshot {} and keeps serving its previous state: {}",
          nodeId,
          sent.version(),
          message);
    } else {
      held = new HashMap<>(sent.versions());
      deliveries.acked(nodeId, sent.version());
      log.debug("gateway {} applied snapshot {}", nodeId, sent.version());
    }
    sendIfNeeded();
  }

  private synchronized void onSnapshot(Snapshot snapshot) {
    if (closed || (latest != null && snapshot.version() <= latest.version())) {
      return;
    }
    latest = snapshot;
    sendIfNeeded();
  }

  private void sendIfNeeded() {
    if (closed || latest == null || inFlight != null || latest.version() == rejectedVersion) {
      return;
    }
    List<VersionedResource> changed = Deltas.changed(latest, held);
    List<String> removed = Deltas.removed(latest, held);
    if (changed.isEmpty() && removed.isEmpty()) {
      // The gateway already holds exactly the newest snapshot (a resume, or a fix that restores
      // what it kept after a NACK): that counts as applied, and clears a recorded NACK.
      deliveries.acked(nodeId, latest.version());
      return;
    }
    String nonce = Long.toString(++nonces);
    DeltaDiscoveryResponse.Builder response =
        DeltaDiscoveryResponse.newBuilder()
            .setTypeUrl(XdsProtocol.TYPE_URL)
            .setSystemVersionInfo(Long.toString(latest.version()))
            .setNonce(nonce)
            .addAllRemovedResources(removed);
    for (VersionedResource r : changed) {
      response.addResources(
          io.envoyproxy.envoy.service.discovery.v3.Resource.newBuilder()
              .setName(r.key())
              .setVersion(r.version())
              .setResource(Any.pack(r.resource())));
    }
    inFlight = new InFlight(nonce, latest);
    log.debug(
        "gateway {}: sending snapshot {} ({} changed, {} removed)",
        nodeId,
        latest.version(),
        changed.size(),
        removed.size());
    responses.onNext(response.build());
  }

  @Override
  public void onError(Throwable t) {
    end("disconnected: " + Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    end("closed the stream");
    synchronized (this) {
      responses.onCompleted();
    }
  }

  /** Ends the stream from this side with {@code status}: no snapshot is sent after this. */
  void end(Status status) {
    synchronized (this) {
      // Closed under the lock that sends, so no response can follow the error.
      boolean open = !closed;
      closed = true;
      if (open) {
        responses.onError(status.asRuntimeException());
      }
    }
    end("ended by the control service: " + status.getDescription());
  }

  private void end(String how) {
    String node;
    AutoCloseable opened;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      closed = true;
      node = nodeId;
      opened = watch;
    }
    onEnd.accept(this);
    if (opened != null) {
      close(opened);
    }
    if (node != null) {
      deliveries.disconnected(node);
      log.info("gateway {} {}", node, how);
    }
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing a snapshot watch failed", e);
    }
  }
}
