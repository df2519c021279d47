package io.agw.control.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.control.crd.AgentgatewayParameters;
import io.agw.control.reconcile.MockApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployer's reconciler in a JOSDK operator against fabric8's mock API server (CRUD mode): the
 * objects it creates, updates, puts back and deletes, as a user sees them through the API.
 */
class GatewayDeploymentReconcilerMockApiTest {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final String XDS = "agw-control.agw-system.svc:15010";

  static MockApiServer api;
  static Operator operator;

  @BeforeAll
  static void start() {
    api = new MockApiServer();
    operator = new Operator(o -> o.withKubernetesClient(api.client()).withCloseClientOnStop(false));
    operator.register(
        new GatewayDeploymentReconciler(new DeployProperties(true, "agw/gateway:default", XDS)));
    operator.start();
    api.apply(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: agw}
        spec:
          controllerName: agw.io/gateway-controller
          parametersRef: {group: agw.io, kind: AgentgatewayParameters, name: defaults, namespace: agw-system}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: other}
        spec: {controllerName: example.com/other}
        """);
    parameters(
        """
        metadata: {name: defaults, namespace: agw-system}
        spec:
          image: agw/gateway:1.2.3
          env: [{name: JAVA_TOOL_OPTIONS, value: -Xmx256m}]
        """);
  }

  static void parameters(String yaml) {
    api.client()
        .resource(
            Serialization.unmarshal(
                "apiVersion: agw.io/v1alpha1\nkind: AgentgatewayParameters\n" + yaml,
                AgentgatewayParameters.class))
        .create();
  }

  @AfterAll
  static void stop() {
    operator.stop();
    api.close();
  }

  static String gateway(String ns, String name, String className, String extraSpec, int... ports) {
    StringBuilder listeners = new StringBuilder();
    for (int port : ports) {
      listeners.append("  - {name: l").append(port).append(", protocol: HTTP, port: ");
      listeners.append(port).append("}\n");
    }
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: %s, namespace: %s}
        spec:
          gatewayClassName: %s
        %s  listeners:
        %s"""
        .formatted(name, ns, className, extraSpec, listeners);
  }

  KubernetesClient k8s() {
    return api.client();
  }

  Deployment deployment(String ns, String name) {
    return k8s().apps().deployments().inNamespace(ns).withName(name).get();
  }

  Service service(String ns, String name) {
    return k8s().services().inNamespace(ns).withName(name).get();
  }

  ServiceAccount account(String ns, String name) {
    return k8s().serviceAccounts().inNamespace(ns).withName(name).get();
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> name.equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  List<Event> warnings(String ns, String gateway, String reason) {
    return k8s().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> gateway.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void createsUpdatesRestoresAndDeletesTheObjectsOfAGateway() {
    api.apply(gateway("team-a", "web", "agw", "", 8080));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("team-a", "web");
              assertThat(d).isNotNull();
              assertThat(d.getSpec().getReplicas()).isEqualTo(1);
              assertThat(container(d).getImage()).isEqualTo("agw/gateway:1.2.3");
              assertThat(env(container(d), "AGW_XDS_ADDRESS")).isEqualTo(XDS);
              assertThat(env(container(d), "AGW_XDS_GATEWAY")).isEqualTo("web");
              assertThat(env(container(d), "AGW_XDS_NAMESPACE")).isEqualTo("team-a");
              assertThat(env(container(d), "JAVA_TOOL_OPTIONS")).isEqualTo("-Xmx256m");
              assertThat(service("team-a", "web").getSpec().getPorts())
                  .extracting(ServicePort::getPort)
                  .containsExactly(8080);
              assertThat(account("team-a", "web")).isNotNull();
            });
    Gateway web = k8s().resources(Gateway.class).inNamespace("team-a").withName("web").get();
    for (var owned :
        List.of(deployment("team-a", "web"), service("team-a", "web"), account("team-a", "web"))) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.getKind()).isEqualTo("Gateway");
                assertThat(o.getName()).isEqualTo("web");
                assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid());
              });
    }

    // The Gateway's own parameters: more replicas, a new image; a listener added.
    parameters(
        """
        metadata: {name: web-params, namespace: team-a}
        spec: {replicas: 3, image: agw/gateway:2.0.0, serviceType: ClusterIP}
        """);
    k8s()
        .resources(Gateway.class)
        .inNamespace("team-a")
        .withName("web")
        .edit(
            g -> {
              g.getSpec()
                  .setInfrastructure(
                      new io.fabric8.kubernetes.api.model.gatewayapi.v1
                              .GatewayInfrastructureBuilder()
                          .withNewParametersRef("agw.io", "AgentgatewayParameters", "web-params")
                          .build());
              g.getSpec()
                  .getListeners()
                  .add(
                      new io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder()
                          .withName("second")
                          .withProtocol("HTTP")
                          .withPort(9090)
                          .build());
              return g;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("team-a", "web");
              assertThat(d.getSpec().getReplicas()).isEqualTo(3);
              assertThat(container(d).getImage()).isEqualTo("agw/gateway:2.0.0");
              // The class's env still applies; the Gateway's parameters set no env.
              assertThat(env(container(d), "JAVA_TOOL_OPTIONS")).isEqualTo("-Xmx256m");
              Service s = service("team-a", "web");
              assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
              assertThat(s.getSpec().getPorts())
                  .extracting(ServicePort::getPort)
                  .containsExactly(8080, 9090);
            });

    // A Deployment deleted by hand is put back.
    k8s().apps().deployments().inNamespace("team-a").withName("web").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("team-a", "web");
              assertThat(d).isNotNull();
              assertThat(d.getSpec().getReplicas()).isEqualTo(3);
            });

    // Deleting the Gateway deletes its objects (the garbage collector would too in a cluster).
    k8s().resources(Gateway.class).inNamespace("team-a").withName("web").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(deployment("team-a", "web")).isNull();
              assertThat(service("team-a", "web")).isNull();
              assertThat(account("team-a", "web")).isNull();
            });
  }

  @Test
  void aGatewayMovedToAnotherControllersClassLosesItsObjects() {
    api.apply(gateway("team-b", "moving", "agw", "", 8080));
    await().atMost(WAIT).until(() -> deployment("team-b", "moving") != null);

    k8s()
        .resources(Gateway.class)
        .inNamespace("team-b")
        .withName("moving")
        .edit(
            g -> {
              g.getSpec().setGatewayClassName("other");
              return g;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(deployment("team-b", "moving")).isNull();
              assertThat(service("team-b", "moving")).isNull();
              assertThat(account("team-b", "moving")).isNull();
            });
  }

  @Test
  void missingParametersDeployNothingAndWarnOnTheGateway() {
    api.apply(
        gateway(
            "team-c",
            "broken",
            "agw",
            "  infrastructure:\n"
                + "    parametersRef: {group: agw.io, kind: AgentgatewayParameters, name: nope}\n",
            8080));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(warnings("team-c", "broken", "InvalidParameters"))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .contains("AgentgatewayParameters team-c/nope does not exist")));
    assertThat(deployment("team-c", "broken")).isNull();

    // Creating the parameters deploys the gateway with them.
    parameters(
        """
        metadata: {name: nope, namespace: team-c}
        spec: {replicas: 2}
        """);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("team-c", "broken");
              assertThat(d).isNotNull();
              assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            });
  }

  @Test
  void objectsItDoesNotOwnAreLeftAlone() {
    api.apply(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: taken, namespace: team-d}
        spec:
          ports: [{port: 1234}]
        """);
    api.apply(gateway("team-d", "taken", "agw", "", 8080));
    api.apply(gateway("team-d", "theirs", "other", "", 8080));

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(warnings("team-d", "taken", "NameConflict")).hasSize(1));
    assertThat(service("team-d", "taken").getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(1234);
    assertThat(deployment("team-d", "taken")).isNotNull();
    assertThat(deployment("team-d", "theirs")).isNull();
  }
}
