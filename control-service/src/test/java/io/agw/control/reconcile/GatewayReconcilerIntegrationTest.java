package io.agw.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.xds.SnapshotCache;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The control service against fabric8's mock API server: Gateway API objects in, snapshots in the
 * {@link SnapshotCache} and statuses on the objects out.
 */
@SpringBootTest(
    properties = {
      "spring.grpc.server.port=0",
      "server.port=0",
      "agw.reconcile.use-ssa-for-status=false"
    })
// The context (and its informers) stops after the class; the mock server lives until the JVM ends.
@DirtiesContext
@ContextConfiguration(initializers = GatewayReconcilerIntegrationTest.MockClient.class)
class GatewayReconcilerIntegrationTest {

  static final MockApiServer API = new MockApiServer();
  static final Duration WAIT = Duration.ofSeconds(10);

  /** The context's Kubernetes client is the mock server's. */
  static class MockClient implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getBeanFactory().registerSingleton("kubernetesClient", API.client());
    }
  }

  @Autowired SnapshotCache snapshots;

  static final String CLASSES =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata: {name: agw}
      spec: {controllerName: agw.io/gateway-controller}
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata: {name: other}
      spec: {controllerName: example.com/other}
      """;

  static String gateway(String ns, String name, String className, int port) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: %s, namespace: %s}
        spec:
          gatewayClassName: %s
          listeners:
          - {name: http, protocol: HTTP, port: %d}
        """
        .formatted(name, ns, className, port);
  }

  static String route(String ns, String name, String gateway, String path) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %s, namespace: %s}
        spec:
          parentRefs: [{name: %s}]
          rules:
          - matches: [{path: {type: PathPrefix, value: %s}}]
            backendRefs: [{name: echo, port: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: echo, namespace: %s}
        spec:
          ports: [{port: 8080}]
        """
        .formatted(name, ns, gateway, path, ns);
  }

  List<String> keys(String nodeId) {
    return snapshots
        .snapshot(nodeId)
        .map(s -> s.resources().keySet().stream().sorted().toList())
        .orElse(List.of());
  }

  static String condition(List<Condition> conditions, String type) {
    return conditions == null
        ? null
        : conditions.stream()
            .filter(c -> type.equals(c.getType()))
            .map(c -> c.getStatus() + "/" + c.getReason())
            .findFirst()
            .orElse(null);
  }

  @Test
  void programsOurGatewaysAndWritesStatuses() {
    KubernetesClient k8s = API.client();
    API.apply(CLASSES);
    API.apply(gateway("team-a", "web", "agw", 18080));
    API.apply(gateway("team-a", "theirs", "other", 18081));
    API.apply(route("team-a", "shop", "web", "/shop"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(keys("team-a/web"))
                    .contains(
                        "bind/18080",
                        "listener/team-a/web/http",
                        "route/team-a/shop/0/http",
                        "backend/team-a/service/echo:8080"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Gateway gw = k8s.resources(Gateway.class).inNamespace("team-a").withName("web").get();
              assertThat(gw.getStatus()).isNotNull();
              assertThat(condition(gw.getStatus().getConditions(), "Accepted"))
                  .isEqualTo("True/Accepted");
              assertThat(condition(gw.getStatus().getConditions(), "Programmed"))
                  .isEqualTo("True/Programmed");
              assertThat(gw.getStatus().getListeners().get(0).getAttachedRoutes()).isEqualTo(1);
              HTTPRoute route =
                  k8s.resources(HTTPRoute.class).inNamespace("team-a").withName("shop").get();
              assertThat(route.getStatus()).isNotNull();
              RouteParentStatus parent = route.getStatus().getParents().get(0);
              assertThat(parent.getControllerName()).isEqualTo("agw.io/gateway-controller");
              assertThat(parent.getParentRef().getName()).isEqualTo("web");
              assertThat(condition(parent.getConditions(), "Accepted")).isEqualTo("True/Accepted");
              assertThat(condition(parent.getConditions(), "ResolvedRefs"))
                  .isEqualTo("True/ResolvedRefs");
              GatewayClass ours = k8s.resources(GatewayClass.class).withName("agw").get();
              assertThat(condition(ours.getStatus().getConditions(), "Accepted"))
                  .isEqualTo("True/Accepted");
            });

    // Another controller's Gateway and class are left alone.
    assertThat(snapshots.snapshot("team-a/theirs")).isEmpty();
    assertThat(
            k8s.resources(Gateway.class).inNamespace("team-a").withName("theirs").get().getStatus())
        .satisfiesAnyOf(
            s -> assertThat(s).isNull(), s -> assertThat(s.getConditions()).isNullOrEmpty());
    assertThat(k8s.resources(GatewayClass.class).withName("other").get().getStatus())
        .satisfiesAnyOf(
            s -> assertThat(s).isNull(), s -> assertThat(s.getConditions()).isNullOrEmpty());

    // Deleting the Gateway drops its snapshot and its entry in the route's status.
    k8s.resources(Gateway.class).inNamespace("team-a").withName("web").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(snapshots.snapshot("team-a/web")).isEmpty());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        k8s.resources(HTTPRoute.class)
                            .inNamespace("team-a")
                            .withName("shop")
                            .get()
                            .getStatus()
                            .getParents())
                    .isEmpty());
  }
}
