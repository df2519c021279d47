package io.agw.control.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.crd.AgentgatewayParametersSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GatewayObjectsBuilderTest {

  static final String XDS = "agw-control.agw-system.svc:15010";

  static Gateway gateway(String yaml) {
    return Serialization.unmarshal(yaml, Gateway.class);
  }

  static final Gateway WEB =
      gateway(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {name: web, namespace: team-a, uid: 1111-2222}
          spec:
            gatewayClassName: agw
            infrastructure:
              labels: {team: a}
              annotations: {cost-center: "42"}
            listeners:
            - {name: http, protocol: HTTP, port: 80}
            - {name: other-host, protocol: HTTP, port: 80, hostname: other.example.com}
            - {name: admin, protocol: HTTP, port: 8443}
          """);

  static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
  }

  @Test
  void defaultsConnectThePodsToTheControlServiceAsThisGateway() {
    GatewayObjects objects =
        GatewayObjectsBuilder.build(WEB, GatewayParameters.defaults("agw/gateway:1.0"), XDS);

    Deployment deployment = objects.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("agw/gateway:1.0");
    assertThat(env(c))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "AGW_XDS_ADDRESS", XDS,
                "AGW_XDS_GATEWAY", "web",
                "AGW_XDS_NAMESPACE", "team-a"));
    assertThat(c.getResources()).isNull();
    // One container port per distinct listener port, plus the admin port the probes use.
    assertThat(c.getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("admin=15000", "port-80=80", "port-8443=8443");
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("web");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getSysctls())
        .extracting(s -> s.getName() + "=" + s.getValue())
        .containsExactly("net.ipv4.ip_unprivileged_port_start=0");

    assertThat(objects.service().getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(objects.service().getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(80, 8443);
    assertThat(objects.service().getSpec().getPorts())
        .extracting(p -> p.getTargetPort().getIntVal())
        .containsExactly(80, 8443);
    // The Service selects exactly the pods of this Deployment.
    assertThat(objects.service().getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void everyObjectIsNamedAfterAndOwnedByTheGatewayWithItsInfrastructureLabels() {
    GatewayObjects objects =
        GatewayObjectsBuilder.build(WEB, GatewayParameters.defaults("agw/gateway:1.0"), XDS);
    for (HasMetadata o : objects.all()) {
      assertThat(o.getMetadata().getName()).isEqualTo("web");
      assertThat(o.getMetadata().getNamespace()).isEqualTo("team-a");
      OwnerReference owner = o.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("Gateway");
      assertThat(owner.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
      assertThat(owner.getName()).isEqualTo("web");
      assertThat(owner.getUid()).isEqualTo("1111-2222");
      assertThat(owner.getController()).isTrue();
      assertThat(o.getMetadata().getLabels())
          .containsEntry("team", "a")
          .containsEntry("app.kubernetes.io/managed-by", "agw-control")
          .containsEntry("gateway.networking.k8s.io/gateway-name", "web");
      assertThat(o.getMetadata().getAnnotations())
          .containsEntry("cost-center", "42")
          .containsKey(GatewayObjectsBuilder.HASH_ANNOTATION);
    }
  }

  @Test
  void parametersSetImageReplicasResourcesEnvAndServiceType() {
    AgentgatewayParametersSpec spec = new AgentgatewayParametersSpec();
    spec.setImage("registry.example/agw:2");
    spec.setReplicas(3);
    spec.setResources(
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("500m"))
            .addToLimits("memory", new Quantity("1Gi"))
            .build());
    spec.setEnv(
        List.of(
            new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx512m", null),
            new EnvVar("AGW_XDS_ADDRESS", "elsewhere:15010", null)));
    spec.setServiceType("ClusterIP");

    GatewayObjects objects =
        GatewayObjectsBuilder.build(
            WEB, GatewayParameters.defaults("agw/gateway:1.0").overriddenBy(spec), XDS);

    Container c = objects.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(objects.deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(c.getImage()).isEqualTo("registry.example/agw:2");
    assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"));
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
    assertThat(env(c))
        .containsEntry("JAVA_TOOL_OPTIONS", "-Xmx512m")
        .containsEntry("AGW_XDS_ADDRESS", "elsewhere:15010")
        .containsEntry("AGW_XDS_GATEWAY", "web");
    assertThat(c.getEnv()).hasSize(4);
    assertThat(objects.service().getSpec().getType()).isEqualTo("ClusterIP");
  }

  @Test
  void theHashFollowsTheContentOnly() {
    GatewayParameters defaults = GatewayParameters.defaults("agw/gateway:1.0");
    GatewayObjects a = GatewayObjectsBuilder.build(WEB, defaults, XDS);
    GatewayObjects b = GatewayObjectsBuilder.build(WEB, defaults, XDS);
    AgentgatewayParametersSpec more = new AgentgatewayParametersSpec();
    more.setReplicas(2);
    GatewayObjects c = GatewayObjectsBuilder.build(WEB, defaults.overriddenBy(more), XDS);

    assertThat(a).isEqualTo(b);
    assertThat(hash(c.deployment())).isNotEqualTo(hash(a.deployment()));
    // Only the Deployment changed.
    assertThat(hash(c.service())).isEqualTo(hash(a.service()));
    assertThat(hash(c.serviceAccount())).isEqualTo(hash(a.serviceAccount()));
  }

  static String hash(HasMetadata o) {
    return o.getMetadata().getAnnotations().get(GatewayObjectsBuilder.HASH_ANNOTATION);
  }
}
