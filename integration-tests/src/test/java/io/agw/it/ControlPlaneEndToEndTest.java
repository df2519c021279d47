package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.ControlApplication;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.agw.control.xds.GatewayDeliveries;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The control plane end to end: fabric8's mock API server in CRUD mode, the control service
 * in-process watching it, and the packaged gateway as its own process taking its configuration over
 * delta xDS, serving real upstreams on loopback. The steps run in order on one gateway: create,
 * update, an invalid policy (NACKed), a control-service restart, delete. Propagation times are
 * logged (the await bound is generous on purpose; it is not a performance assertion).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneEndToEndTest {

  private static final Logger log = LoggerFactory.getLogger(ControlPlaneEndToEndTest.class);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String NS = "default";

  private final HttpClient http = HttpClient.newHttpClient();
  private KubernetesMockServer api;
  private KubernetesClient k8s;
  private HttpServer upstream;
  private ConfigurableApplicationContext control;
  private JavaProcess gateway;
  private int xdsPort;
  private int trafficPort;

  @BeforeAll
  void start() throws Exception {
    api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    api.init();
    k8s = api.createClient();
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String version : List.of("v1", "v2")) {
      upstream.createContext(
          "/" + version,
          exchange -> {
            byte[] body = (version + " " + exchange.getRequestURI().getPath()).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
    }
    upstream.start();
    xdsPort = freePort();
    trafficPort = freePort();
    control = startControl();
    int admin = freePort();
    gateway =
        JavaProcess.start(
            Repository.gatewayJar(),
            "--server.port=" + admin,
            "--agw.bind-address=127.0.0.1",
            "--agw.xds.address=127.0.0.1:" + xdsPort,
            "--agw.xds.gateway=web",
            "--agw.xds.namespace=" + NS,
            "--agw.xds.max-backoff=1s");
    gateway.awaitOk(
        "http://127.0.0.1:" + admin + "/actuator/health/liveness", Duration.ofSeconds(90));
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (control != null) {
      control.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
    if (k8s != null) {
      k8s.close();
    }
    if (api != null) {
      api.destroy();
    }
  }

  private ConfigurableApplicationContext startControl() {
    return new SpringApplicationBuilder(ControlApplication.class)
        .initializers(c -> c.getBeanFactory().registerSingleton("kubernetesClient", k8s))
        .run(
            // The gateway's jar, also on this classpath, has an application.yaml of its own.
            "--spring.config.location=file:"
                + Repository.root().resolve("control-service/src/main/resources/application.yaml"),
            "--spring.grpc.server.port=" + xdsPort,
            "--server.port=0",
            "--agw.reconcile.use-ssa-for-status=false");
  }

  @Test
  @Order(1)
  void aNewGatewayAndRouteAreServed() throws Exception {
    create(
        GatewayClass.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: agw}
        spec: {controllerName: agw.io/gateway-controller}
        """);
    for (String version : List.of("v1", "v2")) {
      create(
          AgentgatewayBackend.class,
          """
          apiVersion: agw.io/v1alpha1
          kind: AgentgatewayBackend
          metadata: {name: %s, namespace: default}
          spec: {static: {host: 127.0.0.1, port: %d}}
          """
              .formatted(version, upstream.getAddress().getPort()));
    }
    create(
        Gateway.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: web, namespace: default}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: %d}
        """
            .formatted(trafficPort));
    long created = System.nanoTime();
    create(HTTPRoute.class, route("/v1", "v1"));

    awaitBody("/v1/hello", "v1 /v1/hello", "create", created);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(gatewayCondition("Programmed")).isEqualTo("True/Programmed");
              HTTPRoute r = k8s.resources(HTTPRoute.class).inNamespace(NS).withName("app").get();
              assertThat(condition(r.getStatus().getParents().get(0).getConditions(), "Accepted"))
                  .isEqualTo("True/Accepted");
            });
  }

  @Test
  @Order(2)
  void anUpdatedRouteServesTheChange() throws Exception {
    long updated = System.nanoTime();
    k8s.resource(Serialization.unmarshal(route("/v2", "v2"), HTTPRoute.class)).update();

    awaitBody("/v2/hello", "v2 /v2/hello", "update", updated);
    assertThat(get("/v1/hello").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void anInvalidPolicyIsRejectedByTheGatewayWhichKeepsServingAndTheGatewayStatusSaysSo()
      throws Exception {
    // 999 is no HTTP status: the translator passes retry codes through, the gateway refuses them.
    create(
        AgentgatewayPolicy.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: retries, namespace: default}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app}]
          retry: {attempts: 2, codes: [999]}
        """);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition programmed = gatewayConditionObject("Programmed");
              assertThat(programmed.getStatus()).isEqualTo("False");
              assertThat(programmed.getReason()).isEqualTo("Invalid");
              assertThat(programmed.getMessage())
                  .contains("keeps serving its previous configuration")
                  .contains("999");
            });
    assertThat(get("/v2/still").body()).isEqualTo("v2 /v2/still");
    assertThat(gateway.log()).contains("999");

    k8s.resources(AgentgatewayPolicy.class).inNamespace(NS).withName("retries").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(gatewayCondition("Programmed")).isEqualTo("True/Programmed"));
    assertThat(get("/v2/again").body()).isEqualTo("v2 /v2/again");
  }

  @Test
  @Order(4)
  void restartingTheControlServiceLeavesTrafficUntouchedAndTheGatewayResynchronises()
      throws Exception {
    control.close();
    for (int i = 0; i < 5; i++) {
      assertThat(get("/v2/down").body()).isEqualTo("v2 /v2/down");
      Thread.sleep(100);
    }

    control = startControl();
    GatewayDeliveries deliveries = control.getBean(GatewayDeliveries.class);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(deliveries.delivery(NS + "/web"))
                    .hasValueSatisfying(
                        d -> {
                          assertThat(d.connectedStreams()).isEqualTo(1);
                          assertThat(d.ackedVersion()).isPositive();
                        }));
    assertThat(get("/v2/up").body()).isEqualTo("v2 /v2/up");

    long updated = System.nanoTime();
    k8s.resource(Serialization.unmarshal(route("/v1", "v1"), HTTPRoute.class)).update();
    awaitBody("/v1/again", "v1 /v1/again", "update after restart", updated);
  }

  @Test
  @Order(5)
  void aDeletedRouteIsNoLongerServed() throws Exception {
    long deleted = System.nanoTime();
    k8s.resources(HTTPRoute.class).inNamespace(NS).withName("app").delete();

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(get("/v1/gone").statusCode()).isEqualTo(404));
    log.info("delete served in {} ms", (System.nanoTime() - deleted) / 1_000_000);
  }

  private static String route(String prefix, String backend) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: app, namespace: default}
        spec:
          parentRefs: [{name: web}]
          rules:
          - matches: [{path: {type: PathPrefix, value: %s}}]
            backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: %s}]
        """
        .formatted(prefix, backend);
  }

  private <T extends HasMetadata> void create(Class<T> type, String yaml) {
    k8s.resource(Serialization.unmarshal(yaml, type)).create();
  }

  private void awaitBody(String path, String body, String what, long since) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(get(path).body()).isEqualTo(body));
    log.info("{} served in {} ms", what, (System.nanoTime() - since) / 1_000_000);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trafficPort + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private Condition gatewayConditionObject(String type) {
    Gateway g = k8s.resources(Gateway.class).inNamespace(NS).withName("web").get();
    assertThat(g.getStatus()).isNotNull();
    return g.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private String gatewayCondition(String type) {
    Condition c = gatewayConditionObject(type);
    return c.getStatus() + "/" + c.getReason();
  }

  private static String condition(List<Condition> conditions, String type) {
    return conditions.stream()
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .findFirst()
        .orElse(null);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
