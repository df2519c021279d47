package io.agw.control.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.translate.ScaleViews;
import io.agw.control.translate.Translator;
import io.agw.model.resource.v1.Resource;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delta correctness at scale, through the whole control path: 5,000 HTTPRoutes translated and
 * published, a gateway stream that has acknowledged them all; changing one HTTPRoute sends exactly
 * that route's resource, adding one sends one, deleting one removes one key.
 */
class DeltaAtScaleTest {

  static final int ROUTES = 5000;

  final Translator translator = new Translator();
  final SnapshotCache cache = new SnapshotCache();
  final DeltaStreamTest.Recorder sent = new DeltaStreamTest.Recorder();
  final DeltaStream stream = new DeltaStream(cache, new GatewayDeliveries(), sent);

  void publish(List<HTTPRoute> routes) {
    cache.publish(
        ScaleViews.NODE,
        translator.translate(ScaleViews.view(routes)).gateways().get(ScaleViews.NODE).resources());
  }

  DeltaDiscoveryResponse ackAndTakeNext(DeltaDiscoveryResponse previous, Runnable change) {
    stream.onNext(DeltaStreamTest.ack(previous));
    int before = sent.responses.size();
    change.run();
    assertThat(sent.responses).hasSize(before + 1);
    return sent.last();
  }

  @Test
  void changingOneOfFiveThousandRoutesSendsOneResource() throws Exception {
    List<HTTPRoute> routes = new ArrayList<>(ScaleViews.routes(ROUTES));
    publish(routes);
    stream.onNext(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(Node.newBuilder().setId(ScaleViews.NODE))
            .setTypeUrl(XdsProtocol.TYPE_URL)
            .build());
    DeltaDiscoveryResponse all = sent.only();
    // Every route, the bind, the listener and the one backend.
    assertThat(all.getResourcesCount()).isEqualTo(ROUTES + 3);

    routes.set(2345, ScaleViews.route(2345, "/changed"));
    DeltaDiscoveryResponse one = ackAndTakeNext(all, () -> publish(routes));
    assertThat(one.getResourcesList())
        .extracting(r -> r.getName())
        .containsExactly("route/scale/r2345/0/http");
    assertThat(one.getRemovedResourcesList()).isEmpty();
    assertThat(
            one.getResources(0)
                .getResource()
                .unpack(Resource.class)
                .getRoute()
                .getMatches(0)
                .getPath()
                .getPrefix())
        .isEqualTo("/changed");

    routes.add(ScaleViews.route(ROUTES, "/new"));
    DeltaDiscoveryResponse added = ackAndTakeNext(one, () -> publish(routes));
    assertThat(added.getResourcesList())
        .extracting(r -> r.getName())
        .containsExactly("route/scale/r5000/0/http");
    assertThat(added.getRemovedResourcesList()).isEmpty();

    routes.remove(10);
    DeltaDiscoveryResponse removed = ackAndTakeNext(added, () -> publish(routes));
    assertThat(removed.getResourcesList()).isEmpty();
    assertThat(removed.getRemovedResourcesList()).containsExactly("route/scale/r10/0/http");
  }
}
