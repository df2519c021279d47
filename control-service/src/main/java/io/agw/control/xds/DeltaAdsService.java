package io.agw.control.xds;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envoy's aggregated discovery service, delta variant only, carrying our {@code Resource} type
 * ({@link XdsProtocol#TYPE_URL}). Each connection gets its own {@link DeltaStream}. The
 * state-of-the-world variant is refused: gateways speak delta.
 *
 * <p>{@link #endStreams()} ends every open stream with {@code UNAVAILABLE} and refuses new ones the
 * same way, so that gateways reconnect (to another replica, or to this service once it is back) and
 * the gRPC server has no stream left to wait for when it stops. Thread-safe.
 */
public final class DeltaAdsService
    extends AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(DeltaAdsService.class);
  private static final Status STOPPING =
      Status.UNAVAILABLE.withDescription("the control service is stopping; reconnect");

  private final SnapshotCache cache;
  private final GatewayDeliveries deliveries;
  private final Set<DeltaStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean ended;

  public DeltaAdsService(SnapshotCache cache, GatewayDeliveries deliveries) {
    this.cache = cache;
    this.deliveries = deliveries;
  }

  @Override
  public StreamObserver<DeltaDiscoveryRequest> deltaAggregatedResources(
      StreamObserver<DeltaDiscoveryResponse> responses) {
    DeltaStream stream = new DeltaStream(cache, deliveries, responses, open::remove);
    open.add(stream);
    // Checked after adding, so a stream opened while endStreams runs is ended by one or the other.
    if (ended) {
      stream.end(STOPPING);
    }
    return stream;
  }

  /** Ends every open stream and refuses new ones from now on; for the service's shutdown. */
  public void endStreams() {
    ended = true;
    List<DeltaStream> streams = List.copyOf(open);
    log.info("ending {} xDS streams: gateways reconnect elsewhere", streams.size());
    streams.forEach(s -> s.end(STOPPING));
  }

  @Override
  public StreamObserver<DiscoveryRequest> streamAggregatedResources(
      StreamObserver<DiscoveryResponse> responses) {
    responses.onError(
        Status.UNIMPLEMENTED
            .withDescription("only DeltaAggregatedResources is served")
            .asRuntimeException());
    return new StreamObserver<>() {
      @Override
      public void onNext(DiscoveryRequest value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
