package io.agw.control.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.control.crd.AgentgatewayParameters;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParametersResolverTest {

  static final GatewayParameters DEFAULTS = GatewayParameters.defaults("agw/gateway:1.0");

  static final Map<String, AgentgatewayParameters> PARAMETERS =
      Map.of(
          "agw-system/class-wide",
          params(
              """
              metadata: {name: class-wide, namespace: agw-system}
              spec:
                image: agw/gateway:class
                replicas: 2
                env: [{name: A, value: class}, {name: B, value: class}]
              """),
          "team-a/big",
          params(
              """
              metadata: {name: big, namespace: team-a}
              spec:
                replicas: 5
                env: [{name: B, value: gateway}, {name: C, value: gateway}]
                serviceType: NodePort
              """));

  static AgentgatewayParameters params(String yaml) {
    return Serialization.unmarshal(
        "apiVersion: agw.io/v1alpha1\nkind: AgentgatewayParameters\n" + yaml,
        AgentgatewayParameters.class);
  }

  static GatewayClass gatewayClass(String parametersRef) {
    return Serialization.unmarshal(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: agw}
        spec:
          controllerName: agw.io/gateway-controller
        """
            + (parametersRef == null ? "" : "  parametersRef: " + parametersRef + "\n"),
        GatewayClass.class);
  }

  static Gateway gateway(String parametersRef) {
    return Serialization.unmarshal(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: web, namespace: team-a}
        spec:
          gatewayClassName: agw
          listeners: [{name: http, protocol: HTTP, port: 8080}]
        """
            + (parametersRef == null
                ? ""
                : "  infrastructure:\n    parametersRef: " + parametersRef + "\n"),
        Gateway.class);
  }

  static ParametersResolver.Resolution resolve(Gateway gw, GatewayClass gc) {
    return ParametersResolver.resolve(
        gw, gc, DEFAULTS, (ns, name) -> Optional.ofNullable(PARAMETERS.get(ns + "/" + name)));
  }

  static GatewayParameters resolved(ParametersResolver.Resolution r) {
    assertThat(r).isInstanceOf(ParametersResolver.Resolved.class);
    return ((ParametersResolver.Resolved) r).parameters();
  }

  static List<String> env(GatewayParameters p) {
    return p.env().stream().map(e -> e.getName() + "=" + e.getValue()).toList();
  }

  @Test
  void noReferencesMeanTheDefaults() {
    assertThat(resolved(resolve(gateway(null), gatewayClass(null)))).isEqualTo(DEFAULTS);
  }

  @Test
  void theGatewaysParametersOverrideItsClassesFieldByField() {
    GatewayParameters p =
        resolved(
            resolve(
                gateway("{group: agw.io, kind: AgentgatewayParameters, name: big}"),
                gatewayClass(
                    "{group: agw.io, kind: AgentgatewayParameters, name: class-wide,"
                        + " namespace: agw-system}")));
    assertThat(p.image()).isEqualTo("agw/gateway:class");
    assertThat(p.replicas()).isEqualTo(5);
    assertThat(p.serviceType()).isEqualTo("NodePort");
    assertThat(env(p)).containsExactly("A=class", "B=gateway", "C=gateway");
  }

  @Test
  void theClassAloneAppliesToItsGateways() {
    GatewayParameters p =
        resolved(
            resolve(
                gateway(null),
                gatewayClass(
                    "{group: agw.io, kind: AgentgatewayParameters, name: class-wide,"
                        + " namespace: agw-system}")));
    assertThat(p.image()).isEqualTo("agw/gateway:class");
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.serviceType()).isEqualTo("LoadBalancer");
    assertThat(p.env()).extracting(EnvVar::getName).containsExactly("A", "B");
  }

  @Test
  void referencesThatCannotBeFollowedAreInvalidWithTheReason() {
    assertThat(
            resolve(
                gateway("{group: agw.io, kind: AgentgatewayParameters, name: missing}"),
                gatewayClass(null)))
        .isEqualTo(
            new ParametersResolver.Invalid(
                "Gateway infrastructure.parametersRef: AgentgatewayParameters team-a/missing"
                    + " does not exist"));
    assertThat(resolve(gateway(null), gatewayClass("{group: '', kind: ConfigMap, name: settings}")))
        .isInstanceOfSatisfying(
            ParametersResolver.Invalid.class,
            i -> assertThat(i.message()).contains("refers to ConfigMap").contains("agw.io"));
    assertThat(
            resolve(
                gateway(null),
                gatewayClass("{group: agw.io, kind: AgentgatewayParameters, name: class-wide}")))
        .isInstanceOfSatisfying(
            ParametersResolver.Invalid.class,
            i -> assertThat(i.message()).contains("must name the namespace"));
  }
}
