package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.ControlApplication;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayPolicy;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prompt guards configured through the CRDs reach a packaged gateway and act on its traffic:
 * fabric8's mock API server in CRUD mode, the control service in-process, the gateway jar as its
 * own process taking its configuration over delta xDS, and an OpenAI-style upstream on loopback
 * that records what it receives. First the AgentgatewayBackend's {@code spec.policies.ai} masks
 * e-mail addresses before the provider sees them; then an AgentgatewayPolicy's {@code
 * spec.backend.ai} on the route replaces those guards with a rejecting one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlanePromptGuardEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "default";
  private static final String ANSWER =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
       "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
       "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<String> received = new AtomicReference<>();
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
          received.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
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
            "--agw.xds.gateway=llm",
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
  @Order(1)
  void theBackendsGuardMasksWhatTheProviderReceives() {
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
        metadata: {name: openai, namespace: default}
        spec:
          ai:
            openai: {model: gpt-4o-mini}
            hostOverride: "127.0.0.1:%d"
          policies:
            ai:
              promptGuard:
                request:
                - regex:
                    rules: [{builtin: email}]
        """
            .formatted(upstream.getAddress().getPort()));
    create(
        Gateway.class,
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: llm, namespace: default}
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
        metadata: {name: chat, namespace: default}
        spec:
          parentRefs: [{name: llm}]
          rules:
          - backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: openai}]
        """);

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(sendChat("write to john@example.com about Project Apollo").statusCode())
                  .isEqualTo(200);
              assertThat(received.get())
                  .contains("write to <EMAIL_ADDRESS> about Project Apollo")
                  .doesNotContain("john@example.com");
            });
  }

  @Test
  @Order(2)
  void aPolicyOnTheRouteReplacesTheBackendsGuardsAndRejects() {
    create(
        AgentgatewayPolicy.class,
        """
        apiVersion: agw.io/v1alpha1
        kind: AgentgatewayPolicy
        metadata: {name: no-apollo, namespace: default}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: chat}]
          backend:
            ai:
              promptGuard:
                request:
                - regex:
                    action: reject
                    rules: [{pattern: "(?i)project apollo"}]
                  rejection: {status: 451, body: "Apollo is classified"}
        """);

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              received.set(null);
              HttpResponse<String> rejected =
                  sendChat("write to john@example.com about Project Apollo");
              assertThat(rejected.statusCode()).isEqualTo(451);
              assertThat(rejected.body()).contains("\"message\":\"Apollo is classified\"");
              assertThat(received.get()).as("no provider is called").isNull();
            });
    HttpResponse<String> passed = sendChat("write to john@example.com");
    assertThat(passed.statusCode()).isEqualTo(200);
    assertThat(received.get())
        .as("the backend's email mask no longer applies")
        .contains("write to john@example.com");
  }

  private HttpResponse<String> sendChat(String content) {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + content
            + "\"}]}";
    try {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + trafficPort + "/v1/chat/completions"))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
