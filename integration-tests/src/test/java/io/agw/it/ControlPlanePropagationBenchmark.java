package io.agw.it;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.ControlApplication;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bounded benchmark (not a test: its name keeps it out of the normal run; it asserts nothing
 * about time) of propagation: from a change written to the API server to the change served by a
 * packaged gateway process connected over delta xDS. For 100 and 5,000 HTTPRoutes on one Gateway:
 * create them all (timed until the last is served), let statuses settle, then edit one route's path
 * {@value #CHANGES} times, each timed until the gateway serves the new path. Prints the timings.
 * Needs the packaged jars:
 *
 * <pre>
 * ./mvnw -B -o -q -pl shared-model,control-service,gateway-service install -DskipTests
 * ./mvnw -B -o -pl integration-tests test -Dtest=ControlPlanePropagationBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ControlPlanePropagationBenchmark {

  static final int CHANGES = 10;
  static final Duration SETUP_WAIT = Duration.ofMinutes(10);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void propagation() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestURI().getPath().getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    List<String> results = new ArrayList<>();
    try {
      for (int routes : new int[] {100, 5000}) {
        results.add(run(routes, upstream.getAddress().getPort()));
      }
    } finally {
      upstream.stop(0);
    }
    results.forEach(System.out::println);
  }

  private String run(int count, int upstreamPort) throws Exception {
    KubernetesMockServer api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    api.init();
    KubernetesClient k8s = api.createClient();
    int xdsPort = freePort();
    int trafficPort = freePort();
    int admin = freePort();
    ConfigurableApplicationContext control =
        new SpringApplicationBuilder(ControlApplication.class)
            .initializers(c -> c.getBeanFactory().registerSingleton("kubernetesClient", k8s))
            .run(
                "--spring.config.location=file:"
                    + Repository.root()
                        .resolve("control-service/src/main/resources/application.yaml"),
                "--spring.grpc.server.port=" + xdsPort,
                "--server.port=0",
                "--agw.reconcile.use-ssa-for-status=false",
                "--logging.level.io.agw=WARN",
                "--logging.level.io.fabric8.mockwebserver=WARN");
    JavaProcess gateway =
        JavaProcess.start(
            Repository.gatewayJar(),
            "--server.port=" + admin,
            "--agw.bind-address=127.0.0.1",
            "--agw.xds.address=127.0.0.1:" + xdsPort,
            "--agw.xds.gateway=web",
            "--agw.xds.namespace=default",
            "--agw.xds.max-backoff=1s",
            "--logging.level.io.agw=WARN",
            "--logging.level.agw.access=OFF");
    try {
      gateway.awaitOk(
          "http://127.0.0.1:" + admin + "/actuator/health/liveness", Duration.ofSeconds(120));
      create(
          k8s,
          GatewayClass.class,
          "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\n"
              + "metadata: {name: agw}\nspec: {controllerName: agw.io/gateway-controller}\n");
      create(
          k8s,
          AgentgatewayBackend.class,
          ("apiVersion: agw.io/v1alpha1\nkind: AgentgatewayBackend\n"
                  + "metadata: {name: up, namespace: default}\n"
                  + "spec: {static: {host: 127.0.0.1, port: %d}}\n")
              .formatted(upstreamPort));
      create(
          k8s,
          Gateway.class,
          ("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
                  + "metadata: {name: web, namespace: default}\n"
                  + "spec:\n  gatewayClassName: agw\n"
                  + "  listeners:\n  - {name: http, protocol: HTTP, port: %d}\n")
              .formatted(trafficPort));
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        create(k8s, HTTPRoute.class, route(i, "/r" + i));
      }
      long written = System.nanoTime();
      awaitServed(trafficPort, "/r" + (count - 1) + "/x", SETUP_WAIT);
      long served = System.nanoTime();
      Thread.sleep(count > 1000 ? 20_000 : 3_000); // let the status writes settle
      long[] changes = new long[CHANGES];
      for (int c = 0; c < CHANGES; c++) {
        int i = (c * 37) % count;
        String path = "/changed" + c;
        long t0 = System.nanoTime();
        k8s.resource(Serialization.unmarshal(route(i, path), HTTPRoute.class)).update();
        awaitServed(trafficPort, path + "/x", Duration.ofSeconds(60));
        changes[c] = System.nanoTime() - t0;
        Thread.sleep(500);
      }
      long[] sorted = changes.clone();
      Arrays.sort(sorted);
      return String.format(
          "routes=%d: created in the API server in %d ms, all served %d ms after the first"
              + " create; one route changed -> served: median %d ms, min %d ms, max %d ms (%d"
              + " changes)",
          count,
          (written - start) / 1_000_000,
          (served - start) / 1_000_000,
          sorted[CHANGES / 2] / 1_000_000,
          sorted[0] / 1_000_000,
          sorted[CHANGES - 1] / 1_000_000,
          CHANGES);
    } finally {
      gateway.close();
      control.close();
      k8s.close();
      api.destroy();
    }
  }

  private static String route(int i, String path) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r%d, namespace: default}
        spec:
          parentRefs: [{name: web}]
          rules:
          - matches: [{path: {type: PathPrefix, value: %s}}]
            backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: up}]
        """
        .formatted(i, path);
  }

  private static <T extends HasMetadata> void create(
      KubernetesClient k8s, Class<T> type, String y) {
    k8s.resource(Serialization.unmarshal(y, type)).create();
  }

  private void awaitServed(int port, String path, Duration atMost) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    await()
        .atMost(atMost)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .ignoreExceptions()
        .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
