package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.agw.control.ControlApplication;
import io.agw.control.crd.AgentgatewayBackend;
import io.agw.control.crd.AgentgatewayParameters;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deployer's output runs: the control service (in-process, on fabric8's CRUD mock API server)
 * writes a gateway Deployment and Service for a Gateway; the packaged gateway is then started as a
 * process with exactly the environment of that Deployment's container (the xDS address, the
 * Gateway's identity, the parameters' env), turns ready on the Deployment's readiness probe and
 * serves the Gateway's route on the Service's port.
 *
 * <p>The one thing not taken from the Deployment is the admin port: the pod's is 15000, which may
 * be taken on a shared test machine, so the test sets {@code AGW_ADMIN_PORT} to a free port.
 */
class DeployedGatewayEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theDeployedPodSpecConnectsAsTheGatewayAndServesItsRoutes() throws Exception {
    KubernetesMockServer api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    api.init();
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = ("upstream " + exchange.getRequestURI().getPath()).getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    int xdsPort = freePort();
    int listenerPort = freePort();
    try (KubernetesClient k8s = api.createClient();
        ConfigurableApplicationContext control = startControl(k8s, xdsPort)) {
      create(
          k8s,
          GatewayClass.class,
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: GatewayClass
          metadata: {name: agw}
          spec:
            controllerName: agw.io/gateway-controller
            parametersRef: {group: agw.io, kind: AgentgatewayParameters, name: gateways, namespace: agw-system}
          """);
      create(
          k8s,
          AgentgatewayParameters.class,
          """
          apiVersion: agw.io/v1alpha1
          kind: AgentgatewayParameters
          metadata: {name: gateways, namespace: agw-system}
          spec:
            env: [{name: AGW_BINDADDRESS, value: 127.0.0.1}]
          """);
      create(
          k8s,
          AgentgatewayBackend.class,
          """
          apiVersion: agw.io/v1alpha1
          kind: AgentgatewayBackend
          metadata: {name: echo, namespace: team-a}
          spec: {static: {host: 127.0.0.1, port: %d}}
          """
              .formatted(upstream.getAddress().getPort()));
      create(
          k8s,
          Gateway.class,
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {name: web, namespace: team-a}
          spec:
            gatewayClassName: agw
            listeners: [{name: http, protocol: HTTP, port: %d}]
          """
              .formatted(listenerPort));
      create(
          k8s,
          HTTPRoute.class,
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: app, namespace: team-a}
          spec:
            parentRefs: [{name: web}]
            rules:
            - matches: [{path: {type: PathPrefix, value: /app}}]
              backendRefs: [{group: agw.io, kind: AgentgatewayBackend, name: echo}]
          """);

      await()
          .atMost(WAIT)
          .until(
              () ->
                  k8s.apps().deployments().inNamespace("team-a").withName("web").get() != null
                      && k8s.services().inNamespace("team-a").withName("web").get() != null);
      Deployment deployment = k8s.apps().deployments().inNamespace("team-a").withName("web").get();
      Service service = k8s.services().inNamespace("team-a").withName("web").get();
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getImage()).isEqualTo("registry.example/agw-gateway:test");

      Map<String, String> env = new LinkedHashMap<>();
      for (EnvVar e : container.getEnv()) {
        env.put(e.getName(), e.getValue());
      }
      int admin = freePort();
      env.put("AGW_ADMIN_PORT", String.valueOf(admin));
      ServicePort port = service.getSpec().getPorts().get(0);
      assertThat(port.getTargetPort().getIntVal()).isEqualTo(listenerPort);

      try (JavaProcess gateway = JavaProcess.start(env, List.of(), Repository.gatewayJar())) {
        gateway.awaitOk(
            "http://127.0.0.1:" + admin + container.getReadinessProbe().getHttpGet().getPath(),
            // Generous: a cold JVM on a shared, loaded test machine.
            Duration.ofSeconds(300));
        HttpClient http = HttpClient.newHttpClient();
        await()
            .atMost(WAIT)
            .failFast(() -> !gateway.isAlive())
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(
                            http.send(
                                    HttpRequest.newBuilder(
                                            URI.create(
                                                "http://127.0.0.1:"
                                                    + port.getTargetPort().getIntVal()
                                                    + "/app/hello"))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString())
                                .body())
                        .isEqualTo("upstream /app/hello"));
      }
    } finally {
      upstream.stop(0);
      api.destroy();
    }
  }

  private static ConfigurableApplicationContext startControl(KubernetesClient k8s, int xdsPort) {
    return new SpringApplicationBuilder(ControlApplication.class)
        .initializers(c -> c.getBeanFactory().registerSingleton("kubernetesClient", k8s))
        .run(
            // The gateway's jar, also on this classpath, has an application.yaml of its own.
            "--spring.config.location=file:"
                + Repository.root().resolve("control-service/src/main/resources/application.yaml"),
            "--spring.grpc.server.port=" + xdsPort,
            "--server.port=0",
            "--agw.reconcile.use-ssa-for-status=false",
            "--agw.deploy.image=registry.example/agw-gateway:test",
            "--agw.deploy.xds-address=127.0.0.1:" + xdsPort);
  }

  private static <T extends HasMetadata> void create(
      KubernetesClient k8s, Class<T> type, String yaml) {
    k8s.resource(Serialization.unmarshal(yaml, type)).create();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
