package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.ControlApplication;
import io.agw.control.xds.XdsProtocol;
import io.agw.model.resource.v1.Resource;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two control-service replicas with leader election against one mock API server: one leads
 * (reconciles, writes statuses), the other follows; a gateway connected to the follower is served
 * the routes, and a change made later reaches it too.
 */
class FollowersServeSnapshotsIntegrationTest {

  static final MockApiServer API = new MockApiServer();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String NODE = "team-f/edge";

  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static final Map<ConfigurableApplicationContext, Integer> XDS_PORTS = new ConcurrentHashMap<>();

  static ConfigurableApplicationContext replica(String identity) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    KubernetesClient client = API.newClient();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ControlApplication.class)
            .initializers(c -> c.getBeanFactory().registerSingleton("kubernetesClient", client))
            // Arguments: they override the application's own configuration file.
            .run(
                "--spring.grpc.server.port=" + port,
                "--server.port=0",
                "--agw.reconcile.use-ssa-for-status=false",
                "--agw.reconcile.leader-election.enabled=true",
                "--agw.reconcile.leader-election.lease-namespace=default",
                "--agw.reconcile.leader-election.identity=" + identity,
                "--agw.reconcile.leader-election.exit-on-stop-leading=false",
                "--agw.reconcile.follower-refresh=200ms");
    XDS_PORTS.put(context, port);
    return context;
  }

  @BeforeAll
  static void start() throws Exception {
    a = replica("replica-a");
    await().atMost(WAIT).until(() -> a.getBean(Leadership.class).isLeader()); // the first one leads
    b = replica("replica-b");
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void aGatewayConnectedToTheFollowerIsServedTheRoutes() throws Exception {
    assertThat(b.getBean(Leadership.class).isLeader()).isFalse();
    API.apply(GatewayReconcilerIntegrationTest.CLASSES);
    API.apply(GatewayReconcilerIntegrationTest.gateway("team-f", "edge", "agw", 18097));
    API.apply(GatewayReconcilerIntegrationTest.route("team-f", "shop", "edge", "/shop"));

    Map<String, Resource> held = new ConcurrentHashMap<>();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", XDS_PORTS.get(b)).usePlaintext().build();
    try {
      StreamObserver<DeltaDiscoveryRequest>[] requests = new StreamObserver[1];
      requests[0] =
          AggregatedDiscoveryServiceGrpc.newStub(channel)
              .deltaAggregatedResources(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(DeltaDiscoveryResponse response) {
                      try {
                        for (var r : response.getResourcesList()) {
                          held.put(r.getName(), r.getResource().unpack(Resource.class));
                        }
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      response.getRemovedResourcesList().forEach(held::remove);
                      requests[0].onNext(
                          DeltaDiscoveryRequest.newBuilder()
                              .setTypeUrl(XdsProtocol.TYPE_URL)
                              .setResponseNonce(response.getNonce())
                              .build());
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onCompleted() {}
                  });
      requests[0].onNext(
          DeltaDiscoveryRequest.newBuilder()
              .setNode(Node.newBuilder().setId(NODE))
              .setTypeUrl(XdsProtocol.TYPE_URL)
              .build());

      String route = "route/team-f/shop/0/http";
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(held)
                      .containsKeys(
                          "bind/18097",
                          "listener/team-f/edge/http",
                          route,
                          "backend/team-f/service/echo:8080"));
      assertThat(held.get(route).getRoute().getMatches(0).getPath().getPrefix()).isEqualTo("/shop");

      // The leader writes the statuses.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          API.client()
                              .resources(Gateway.class)
                              .inNamespace("team-f")
                              .withName("edge")
                              .get()
                              .getStatus())
                      .isNotNull());

      // A later change reaches the follower's gateway.
      API.client()
          .resources(HTTPRoute.class)
          .inNamespace("team-f")
          .withName("shop")
          .edit(
              r -> {
                r.getSpec().getRules().get(0).getMatches().get(0).getPath().setValue("/store");
                return r;
              });
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(held.get(route).getRoute().getMatches(0).getPath().getPrefix())
                      .isEqualTo("/store"));
      assertThat(b.getBean(Leadership.class).isLeader()).isFalse();
      requests[0].onCompleted();
    } finally {
      channel.shutdownNow();
    }
    assertThat(List.of(a, b)).allMatch(ConfigurableApplicationContext::isActive);
  }
}
