package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.crd.AgentgatewayBackend;
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

/**
 * The control service and the gateway as two processes, as deployed, with fabric8's mock API server
 * in this JVM: the control service stops promptly on SIGTERM and publishes nothing after it, and
 * the gateway, with {@code agw.xds.max-backoff=1s}, is back on a control service restarted on the
 * same port within a few seconds, however long it was down. The bounds are liveness bounds, far
 * above what the behaviour needs, not performance assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlServiceRestartEndToEndTest {

  private static final String NS = "default";
  private static final Duration BOOT = Duration.ofSeconds(240);

  private final HttpClient http = HttpClient.newHttpClient();
  private KubernetesMockServer api;
  private KubernetesClient k8s;
  private HttpServer upstream;
  private JavaProcess control;
  private JavaProcess gateway;
  private int xdsPort;
  private int trafficPort;
  private long controlStoppedAt;

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
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = ("upstream " + exchange.getRequestURI().getPath()).getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    xdsPort = freePort();
    trafficPort = freePort();
    create(
        GatewayClass.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: agw}
        spec: {controllerName: agw.io/gateway-controller}
        """);
    create(
        AgentgatewayBackend.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayBackend
        metadata: {name: app, namespace: default}
        spec: {static: {host: 127.0.0.1, port: %d}}
        """
            .formatted(upstream.getAddress().getPort()));
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
    create(HTTPRoute.class, route("/first"));
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
    gateway.awaitOk("http://127.0.0.1:" + admin + "/actuator/health/liveness", BOOT);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(get("/first/a").body()).isEqualTo("upstream /first/a"));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {gateway, control}) {
      if (c != null) {
        c.close();
      }
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

  private JavaProcess startControl() throws Exception {
    int web = freePort();
    JavaProcess started =
        JavaProcess.start(
            List.of("-Dkubernetes.master=" + api.url("/")),
            Repository.controlJar(),
            "--server.port=" + web,
            "--spring.grpc.server.port=" + xdsPort,
            "--agw.reconcile.use-ssa-for-status=false",
            "--agw.deploy.enabled=false");
    try {
      started.awaitOk("http://127.0.0.1:" + web + "/actuator/health/readiness", BOOT);
    } catch (Exception | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  @Test
  @Order(1)
  void onSigtermTheControlServiceExitsPromptlyAndPublishesNoLaterChange() throws Exception {
    control.terminate();
    controlStoppedAt = System.nanoTime();
    // A change made while the service stops: the operator must not pass it on any more.
    Thread.sleep(500);
    replace(route("/second"));

    control.waitForExit(Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      assertThat(get("/first/still").body()).isEqualTo("upstream /first/still");
      assertThat(get("/second/not-yet").statusCode()).isEqualTo(404);
      Thread.sleep(200);
    }
  }

  @Test
  @Order(2)
  void theGatewayIsBackOnARestartedControlServiceWithinItsMaxBackoff() throws Exception {
    // Long enough for gRPC's own connection backoff to have grown well past max-backoff (1 s).
    long down = Duration.ofSeconds(15).toNanos() - (System.nanoTime() - controlStoppedAt);
    if (down > 0) {
      Thread.sleep(down / 1_000_000);
    }
    control = startControl();

    // gRPC's own backoff would next try tens of seconds later; ours tries at least every second.
    // The rest of the bound is for the restarted service's first, cold xDS answer on a loaded
    // machine (6 s seen under a load of 25 on 2 cores).
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(get("/second/now").body()).isEqualTo("upstream /second/now"));
  }

  private static String route(String prefix) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: app, namespace: default}
        spec:
          parentRefs: [{name: web}]
          rules:
          - matches: [{path: {type: PathPrefix, value: %s}}]
            backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: app}]
        """
        .formatted(prefix);
  }

  private <T extends HasMetadata> void create(Class<T> type, String yaml) {
    k8s.resource(Serialization.unmarshal(yaml, type)).create();
  }

  private void replace(String yaml) {
    k8s.resource(Serialization.unmarshal(yaml, HTTPRoute.class)).update();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trafficPort + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
