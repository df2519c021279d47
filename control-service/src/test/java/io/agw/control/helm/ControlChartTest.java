package io.agw.control.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.agw.control.crd.AgentgatewayParameters;
import io.agw.control.deploy.GatewayParameters;
import io.agw.control.deploy.ParametersResolver;
import io.agw.control.translate.Translator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The control service's chart, linted and rendered by a real Helm. */
class ControlChartTest {

  /**
   * What the reconcilers and the deployer do with the API, as {@code group/resource:verb}: the
   * informers (get, list, watch) of GatewayReconciler's ClusterCaches and of the deployer, the
   * status writes (StatusWriter, JOSDK's patchStatus), the deployer's writes (OwnedObjects) and
   * events (GatewayEvents), the owner references' blockOwnerDeletion, backends' secrets, API key
   * policies' Secrets and ConfigMaps, and JOSDK's own permission check at start ({@code
   * SelfSubjectRulesReview}).
   */
  static final Set<String> CLUSTER_PERMISSIONS =
      permissions(
          Map.of(
              "gateway.networking.k8s.io/gatewayclasses", "get,list,watch",
              "gateway.networking.k8s.io/gateways", "get,list,watch",
              "gateway.networking.k8s.io/httproutes", "get,list,watch",
              "gateway.networking.k8s.io/referencegrants", "get,list,watch",
              "gateway.networking.k8s.io/gatewayclasses/status", "update,patch",
              "gateway.networking.k8s.io/gateways/status", "update,patch",
              "gateway.networking.k8s.io/httproutes/status", "update,patch",
              "gateway.networking.k8s.io/gateways/finalizers", "update",
              "agw.io/agentgatewaybackends", "get,list,watch",
              "agw.io/agentgatewaypolicies", "get,list,watch"),
          Map.of(
              "agw.io/agentgatewayparameters", "get,list,watch",
              "agw.io/agentgatewaypolicies/status", "update,patch",
              "agw.io/agentgatewaybackends/status", "update,patch",
              "authorization.k8s.io/selfsubjectrulesreviews", "create",
              "/secrets", "get,list,watch",
              "/configmaps", "get,list,watch",
              "/services", "get,list,watch,create,update,delete",
              "/serviceaccounts", "get,list,watch,create,update,delete",
              "apps/deployments", "get,list,watch,create,update,delete",
              "/events", "create"));

  /** Leader election's Lease (fabric8's LeaseLock), in the release namespace only. */
  static final Set<String> NAMESPACE_PERMISSIONS =
      permissions(Map.of("coordination.k8s.io/leases", "get,create,update"), Map.of());

  @SafeVarargs
  static Set<String> permissions(Map<String, String>... maps) {
    Set<String> out = new TreeSet<>();
    for (Map<String, String> map : maps) {
      map.forEach(
          (resource, verbs) -> {
            for (String verb : verbs.split(",")) {
              out.add(resource + ":" + verb);
            }
          });
    }
    return out;
  }

  static Set<String> permissions(Iterable<PolicyRule> rules) {
    Set<String> out = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            out.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return out;
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void everyValueIsDocumented() throws Exception {
    assertThat(Charts.undocumentedValues(Charts.CONTROL)).isEmpty();
  }

  @Test
  void lintsCleanly() {
    LintResult lint = new Helm(Charts.CONTROL).lint().strict().call();
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRunOneReplicaWithoutLeaderElectionAndDeployGatewaysThatReachItsService() {
    Charts.Rendered r = Charts.template(Charts.CONTROL);
    Deployment d = r.one(Deployment.class);
    Container c = container(d);

    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(c.getImage()).isEqualTo("agw/control:0.1.0");
    assertThat(env(c))
        .containsEntry("AGW_LEADER_ELECTION", "false")
        .containsEntry("AGW_LEADER_ELECTION_NAMESPACE", "agw-system")
        .containsEntry("AGW_XDS_PORT", "15010")
        .containsEntry("SERVER_PORT", "8090")
        .containsEntry("AGW_DEPLOY_ENABLED", "true")
        .containsEntry("AGW_DEPLOY_IMAGE", "agw/gateway:0.1.0")
        .containsEntry("AGW_DEPLOY_XDS_ADDRESS", "agw-agw-control.agw-system.svc:15010");
    // Probes on Spring Boot Actuator's health groups.
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");

    // The address gateways are given is this chart's Service and its xDS port.
    Service service = r.one(Service.class);
    assertThat(service.getMetadata().getName()).isEqualTo("agw-agw-control");
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("grpc-xds", 15010),
            org.assertj.core.groups.Tuple.tuple("http", 8090));
    assertThat(service.getSpec().getSelector())
        .isEqualTo(d.getSpec().getSelector().getMatchLabels());
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void valuesSetImageReplicasAndEnvAndSeveralReplicasElectALeader() {
    Charts.Rendered r =
        Charts.template(
            Charts.CONTROL,
            t ->
                t.set("image.repository", "registry.example/agw-control")
                    .set("image.tag", "1.2.3")
                    .set("replicas", 3)
                    .set("deployer.gatewayImage", "registry.example/agw-gateway:1.2.3")
                    .set("javaOptions", "-XX:MaxRAMPercentage=75")
                    .set("env[0].name", "LOGGING_LEVEL_IO_AGW")
                    .set("env[0].value", "DEBUG"));
    Deployment d = r.one(Deployment.class);
    Container c = container(d);

    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
    assertThat(c.getImage()).isEqualTo("registry.example/agw-control:1.2.3");
    assertThat(env(c))
        .containsEntry("AGW_LEADER_ELECTION", "true")
        .containsEntry("AGW_DEPLOY_IMAGE", "registry.example/agw-gateway:1.2.3")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")
        .containsEntry("LOGGING_LEVEL_IO_AGW", "DEBUG");
  }

  @Test
  void rbacGrantsExactlyWhatTheControllersUseToTheServiceAccount() {
    Charts.Rendered r = Charts.template(Charts.CONTROL);
    ServiceAccount account = r.one(ServiceAccount.class);
    ClusterRole clusterRole = r.one(ClusterRole.class);
    Role role = r.one(Role.class);

    assertThat(permissions(clusterRole.getRules())).isEqualTo(CLUSTER_PERMISSIONS);
    assertThat(permissions(role.getRules())).isEqualTo(NAMESPACE_PERMISSIONS);
    assertThat(role.getMetadata().getNamespace()).isEqualTo("agw-system");

    ClusterRoleBinding clusterBinding = r.one(ClusterRoleBinding.class);
    assertThat(clusterBinding.getRoleRef().getName())
        .isEqualTo(clusterRole.getMetadata().getName());
    RoleBinding binding = r.one(RoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    for (var subject :
        java.util.List.of(clusterBinding.getSubjects().get(0), binding.getSubjects().get(0))) {
      assertThat(subject.getKind()).isEqualTo("ServiceAccount");
      assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
      assertThat(subject.getNamespace()).isEqualTo("agw-system");
    }
    assertThat(r.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account.getMetadata().getName());
  }

  @Test
  void shipsTheGeneratedCrds() {
    String crds = new Helm(Charts.CONTROL).show().crds().call();
    var parsed = Charts.parseConcatenated(crds);
    assertThat(parsed)
        .allMatch(CustomResourceDefinition.class::isInstance)
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "agentgatewaybackends.agw.io",
            "agentgatewaypolicies.agw.io",
            "agentgatewayparameters.agw.io");
    CustomResourceDefinition parameters =
        parsed.stream()
            .map(CustomResourceDefinition.class::cast)
            .filter(c -> c.getMetadata().getName().startsWith("agentgatewayparameters"))
            .findFirst()
            .orElseThrow();
    // Generated from the class the deployer reads (every field it acts on).
    assertThat(
            parameters
                .getSpec()
                .getVersions()
                .get(0)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec")
                .getProperties())
        .containsKeys("image", "replicas", "resources", "env", "serviceType");
  }

  @Test
  void theGatewayClassIsOursAndItsParametersReachTheDeployer() {
    Charts.Rendered plain = Charts.template(Charts.CONTROL);
    GatewayClass gatewayClass = plain.one(GatewayClass.class);
    assertThat(gatewayClass.getMetadata().getName()).isEqualTo("agw");
    assertThat(gatewayClass.getSpec().getControllerName()).isEqualTo(Translator.CONTROLLER_NAME);
    assertThat(gatewayClass.getSpec().getParametersRef()).isNull();
    assertThat(plain.all(AgentgatewayParameters.class)).isEmpty();

    Charts.Rendered r =
        Charts.template(
            Charts.CONTROL,
            t ->
                t.set("gatewayClass.name", "ai")
                    .set("gatewayClass.parameters.replicas", 2)
                    .set("gatewayClass.parameters.serviceType", "ClusterIP"));
    GatewayClass withParameters = r.one(GatewayClass.class);
    AgentgatewayParameters parameters = r.one(AgentgatewayParameters.class);
    Gateway gateway =
        Serialization.unmarshal(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: team-a}
            spec: {gatewayClassName: ai, listeners: [{name: http, protocol: HTTP, port: 8080}]}
            """,
            Gateway.class);

    ParametersResolver.Resolution resolution =
        ParametersResolver.resolve(
            gateway,
            withParameters,
            GatewayParameters.defaults("agw/gateway:0.1.0"),
            (ns, name) ->
                ns.equals(parameters.getMetadata().getNamespace())
                        && name.equals(parameters.getMetadata().getName())
                    ? Optional.of(parameters)
                    : Optional.empty());
    assertThat(resolution)
        .isInstanceOfSatisfying(
            ParametersResolver.Resolved.class,
            p -> {
              assertThat(p.parameters().replicas()).isEqualTo(2);
              assertThat(p.parameters().serviceType()).isEqualTo("ClusterIP");
            });

    assertThat(
            Charts.template(Charts.CONTROL, t -> t.set("gatewayClass.create", false))
                .all(GatewayClass.class))
        .isEmpty();
  }

  @Test
  void podsHaveAGracePeriodAndRunTheImageNonRootOnAReadOnlyRootFileSystem() {
    Deployment d = Charts.template(Charts.CONTROL).one(Deployment.class);
    var pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);

    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    // The JVM's temporary files go to a writable emptyDir.
    assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    assertThat(c.getImage()).isEqualTo("agw/control:0.1.0");
  }
}
