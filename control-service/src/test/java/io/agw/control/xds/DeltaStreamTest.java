package io.agw.control.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.agw.model.resource.v1.Resource;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-connection protocol: first request, deltas, nonces, ACK, NACK and resume. */
class DeltaStreamTest {

  static final String NODE = "default/gw";

  final SnapshotCache cache = new SnapshotCache();
  final GatewayDeliveries deliveries = new GatewayDeliveries();
  final Recorder sent = new Recorder();
  final DeltaStream stream = new DeltaStream(cache, deliveries, sent);

  @Test
  void sendsTheSnapshotAsResourcesPackedInAnyWithTheirVersions() throws Exception {
    cache.publish(NODE, List.of(Resources.backend("a", 1)));
    stream.onNext(first(Map.of()));

    DeltaDiscoveryResponse r = sent.only();
    assertThat(r.getTypeUrl()).isEqualTo("type.googleapis.com/agw.resource.v1.Resource");
    assertThat(r.getResources(0).getName()).isEqualTo("backend/a");
    assertThat(r.getResources(0).getResource().getTypeUrl()).isEqualTo(XdsProtocol.TYPE_URL);
    assertThat(r.getResources(0).getResource().unpack(Resource.class))
        .isEqualTo(Resources.backend("a", 1));
    assertThat(r.getResources(0).getVersion()).isNotEmpty();
    assertThat(r.getNonce()).isNotEmpty();
  }

  @Test
  void waitsForTheAckBeforeSendingTheNextDeltaWhichHoldsOnlyTheChange() {
    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.route(1, "/a")));
    stream.onNext(first(Map.of()));
    DeltaDiscoveryResponse one = sent.only();

    cache.publish(NODE, List.of(Resources.backend("a", 2), Resources.route(1, "/a")));
    assertThat(sent.responses).hasSize(1);

    stream.onNext(ack(one));
    DeltaDiscoveryResponse two = sent.last();
    assertThat(sent.responses).hasSize(2);
    assertThat(two.getResourcesList()).extracting(r -> r.getName()).containsExactly("backend/a");
    assertThat(two.getNonce()).isNotEqualTo(one.getNonce());
    stream.onNext(ack(two));
    assertThat(deliveries.delivery(NODE).orElseThrow().ackedVersion())
        .isEqualTo(Long.parseLong(two.getSystemVersionInfo()));
  }

  @Test
  void sendsRemovalsByKey() {
    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.route(1, "/a")));
    stream.onNext(first(Map.of()));
    stream.onNext(ack(sent.only()));

    cache.publish(NODE, List.of(Resources.backend("a", 1)));

    assertThat(sent.last().getResourcesList()).isEmpty();
    assertThat(sent.last().getRemovedResourcesList()).containsExactly("route/1");
  }

  @Test
  void aNackIsRecordedWithTheGatewaysErrorAndTheNextSnapshotIsADeltaFromTheLastGoodState() {
    cache.publish(NODE, List.of(Resources.backend("a", 1)));
    stream.onNext(first(Map.of()));
    stream.onNext(ack(sent.only()));

    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.route(1, "/bad")));
    DeltaDiscoveryResponse bad = sent.last();
    stream.onNext(nack(bad, "route/1: unknown backend"));

    var nack = deliveries.delivery(NODE).orElseThrow().lastNack();
    assertThat(nack.message()).isEqualTo("route/1: unknown backend");
    assertThat(nack.version()).isEqualTo(Long.parseLong(bad.getSystemVersionInfo()));
    assertThat(sent.responses).as("the rejected snapshot is not sent again").hasSize(2);

    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.backend("b", 2)));
    DeltaDiscoveryResponse fixed = sent.last();
    assertThat(fixed.getResourcesList()).extracting(r -> r.getName()).containsExactly("backend/b");
    assertThat(fixed.getRemovedResourcesList()).as("the gateway never held route/1").isEmpty();
    stream.onNext(ack(fixed));
    assertThat(deliveries.delivery(NODE).orElseThrow().lastNack()).isNull();
  }

  @Test
  void revertingToWhatTheGatewayKeptAfterANackClearsTheNackWithoutSendingAnything() {
    cache.publish(NODE, List.of(Resources.backend("a", 1)));
    stream.onNext(first(Map.of()));
    stream.onNext(ack(sent.only()));
    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.route(1, "/bad")));
    stream.onNext(nack(sent.last(), "route/1: bad"));
    assertThat(deliveries.delivery(NODE).orElseThrow().lastNack()).isNotNull();

    Snapshot reverted = cache.publish(NODE, List.of(Resources.backend("a", 1)));

    assertThat(sent.responses).as("the gateway holds this content already").hasSize(2);
    assertThat(deliveries.delivery(NODE).orElseThrow().lastNack()).isNull();
    assertThat(deliveries.delivery(NODE).orElseThrow().ackedVersion())
        .isEqualTo(reverted.version());
  }

  @Test
  void anAnswerToAStaleNonceIsIgnored() {
    cache.publish(NODE, List.of(Resources.backend("a", 1)));
    stream.onNext(first(Map.of()));
    DeltaDiscoveryResponse one = sent.only();

    stream.onNext(
        DeltaDiscoveryRequest.newBuilder().setResponseNonce("not-" + one.getNonce()).build());
    cache.publish(NODE, List.of(Resources.backend("a", 2)));
    assertThat(sent.responses).as("still waiting for the answer to " + one.getNonce()).hasSize(1);

    stream.onNext(ack(one));
    assertThat(sent.responses).hasSize(2);
  }

  @Test
  void resumesFromTheVersionsTheGatewayReportsSendingOnlyTheDifference() {
    Snapshot old = Snapshot.of(1, List.of(Resources.backend("a", 1), Resources.route(1, "/a")));
    cache.publish(NODE, List.of(Resources.backend("a", 1), Resources.backend("b", 2)));

    stream.onNext(first(old.versions()));

    DeltaDiscoveryResponse r = sent.only();
    assertThat(r.getResourcesList()).extracting(x -> x.getName()).containsExactly("backend/b");
    assertThat(r.getRemovedResourcesList()).containsExactly("route/1");
  }

  @Test
  void aResumingGatewayThatIsUpToDateIsSentNothing() {
    Snapshot old = Snapshot.of(7, List.of(Resources.backend("a", 1)));
    cache.publish(NODE, List.of(Resources.backend("a", 1)));

    stream.onNext(first(old.versions()));

    assertThat(sent.responses).isEmpty();
  }

  @Test
  void aFirstRequestWithoutANodeOrWithAnotherTypeIsRefused() {
    stream.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(XdsProtocol.TYPE_URL).build());
    assertThat(sent.error).isNotNull();
    assertThat(io.grpc.Status.fromThrowable(sent.error).getCode())
        .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);

    Recorder other = new Recorder();
    new DeltaStream(cache, deliveries, other)
        .onNext(
            DeltaDiscoveryRequest.newBuilder()
                .setNode(Node.newBuilder().setId(NODE))
                .setTypeUrl("type.googleapis.com/envoy.config.cluster.v3.Cluster")
                .build());
    assertThat(io.grpc.Status.fromThrowable(other.error).getDescription())
        .contains("unsupported type URL");
  }

  @Test
  void aDisconnectedStreamReceivesNoMoreSnapshots() {
    stream.onNext(first(Map.of()));
    stream.onError(new RuntimeException("gone"));
    cache.publish(NODE, List.of(Resources.backend("a", 1)));
    assertThat(sent.responses).isEmpty();
    assertThat(deliveries.delivery(NODE).orElseThrow().connectedStreams()).isZero();
  }

  static DeltaDiscoveryRequest first(Map<String, String> held) {
    return DeltaDiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId(NODE))
        .setTypeUrl(XdsProtocol.TYPE_URL)
        .putAllInitialResourceVersions(held)
        .build();
  }

  static DeltaDiscoveryRequest ack(DeltaDiscoveryResponse r) {
    return DeltaDiscoveryRequest.newBuilder()
        .setTypeUrl(XdsProtocol.TYPE_URL)
        .setResponseNonce(r.getNonce())
        .build();
  }

  static DeltaDiscoveryRequest nack(DeltaDiscoveryResponse r, String message) {
    return ack(r).toBuilder()
        .setErrorDetail(Status.newBuilder().setCode(3).setMessage(message))
        .build();
  }

  static final class Recorder implements StreamObserver<DeltaDiscoveryResponse> {
    final List<DeltaDiscoveryResponse> responses = new ArrayList<>();
    Throwable error;

    @Override
    public void onNext(DeltaDiscoveryResponse value) {
      responses.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {}

    DeltaDiscoveryResponse only() {
      assertThat(responses).hasSize(1);
      return responses.get(0);
    }

    DeltaDiscoveryResponse last() {
      return responses.get(responses.size() - 1);
    }
  }
}
