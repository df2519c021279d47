package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.ControlApplication;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * API keys from Kubernetes Secrets authenticate requests through a packaged gateway: fabric8's mock
 * API server in CRUD mode, the control service in-process, the gateway jar as its own process over
 * delta xDS, and a plain HTTP upstream on loopback. An AgentgatewayPolicy selects Secrets by label;
 * a key in a selected Secret is accepted, a key added later too, and a Secret relabelled out of the
 * selector takes its key with it, all without restarting anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneApiKeysEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "default";

  private final HttpClient http = HttpClient.newHttpClient();
  private KubernetesMockServer api;
  private KubernetesClient k8s;
  private HttpServer upstream;
  private ConfigurableApplicationContext control;
  private JavaProcess gateway;
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
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = "upstream ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    int xdsPort = freePort();
    trafficPort = freePort();
    control =
        new SpringApplicationBuilder(ControlApplication.class)
            .initializers(c -> c.getBeanFactory().registerSingleton("kubernetesClient", k8s))
            .run(
                "--spring.config.location=file:"
                    + Repository.root()
                        .resolve("control-service/src/main/resources/application.yaml"),
                "--spring.grpc.server.port=" + xdsPort,
                "--server.port=0",
                "--agw.reconcile.use-ssa-for-status=false");
    int admin = freePort();
    gateway =
        JavaProcess.start(
            Repository.gatewayJar(),
            "--server.port=" + admin,
            "--agw.bind-address=127.0.0.1",
            "--agw.xds.address=127.0.0.1:" + xdsPort,
            "--agw.xds.gateway=edge",
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

  @Test
  void keysFromSelectedSecretsAuthenticateAndFollowTheSecrets() {
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
        spec:
          static: {host: 127.0.0.1, port: %d}
        """
            .formatted(upstream.getAddress().getPort()));
    create(
        Gateway.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: default}
        spec:
          gatewayClassName: agw
          listeners:
          - {name: http, protocol: HTTP, port: %d}
        """
            .formatted(trafficPort));
    create(
        HTTPRoute.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: app, namespace: default}
        spec:
          parentRefs: [{name: edge}]
          rules:
          - backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: app}]
        """);
    putSecret(true, Map.of("alice", "k-alice-123"));
    create(
        AgentgatewayPolicy.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: keys, namespace: default}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app}]
          traffic:
            apiKeyAuthentication:
              secretSelector: {matchLabels: {agw.io/api-keys: app}}
        """);

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(status("k-alice-123")).isEqualTo(200));
    assertThat(status(null)).as("no key").isEqualTo(401);
    assertThat(status("k-bob-456")).as("a key not in any Secret").isEqualTo(401);

    // A key added to the selected Secret is accepted, without restarting anything.
    putSecret(true, Map.of("alice", "k-alice-123", "bob", "{\"key\": \"k-bob-456\"}"));
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(status("k-bob-456")).isEqualTo(200));

    // Relabelled out of the selector: its keys are refused.
    putSecret(false, Map.of("alice", "k-alice-123", "bob", "{\"key\": \"k-bob-456\"}"));
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(status("k-alice-123")).isEqualTo(401);
              assertThat(status("k-bob-456")).isEqualTo(401);
            });
  }

  private void putSecret(boolean labelled, Map<String, String> entries) {
    k8s.secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("app-keys")
                .withNamespace(NS)
                .withLabels(labelled ? Map.of("agw.io/api-keys", "app") : Map.of())
                .endMetadata()
                .withStringData(entries)
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private int status(String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trafficPort + "/hello"))
            .timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T extends HasMetadata> void create(Class<T> type, String yaml) {
    k8s.resource(Serialization.unmarshal(yaml, type)).create();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
