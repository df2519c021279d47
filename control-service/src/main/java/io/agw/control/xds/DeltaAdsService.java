package io.agw.control.xds;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * Envoy's aggregated discovery service, delta variant only, carrying our {@code Resource} type
 * ({@link XdsProtocol#TYPE_URL}). Each connection gets its own {@link DeltaStream}. The
 * state-of-the-world variant is refused: gateways speak delta.
 */
public final class DeltaAdsService
    extends AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase {

  private final SnapshotCache cache;
  private final GatewayDeliveries deliveries;

  public DeltaAdsService(SnapshotCache cache, GatewayDeliveries deliveries) {
    this.cache = cache;
    this.deliveries = deliveries;
  }

  @Override
  public StreamObserver<DeltaDiscoveryRequest> deltaAggregatedResources(
      StreamObserver<DeltaDiscoveryResponse> responses) {
    return new DeltaStream(cache, deliveries, responses);
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
