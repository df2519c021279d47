package io.agw.control.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import io.agw.model.resource.v1.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone gateway's chart, linted and rendered by a real Helm. */
class GatewayChartTest {

  static final String TWO_PORTS =
      """
      config: |
        binds:
        - port: 3000
          listeners:
          - routes:
            - policies:
                directResponse: {status: 200, body: "three thousand"}
        - port: 443
          listeners:
          - routes:
            - backends:
              - host: api.internal:8080
      """;

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
    assertThat(Charts.undocumentedValues(Charts.GATEWAY)).isEmpty();
  }

  @Test
  void lintsCleanly() {
    LintResult lint = new Helm(Charts.GATEWAY).lint().strict().call();
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void theDefaultConfigIsAcceptedByTheGatewaysLoader(@TempDir Path dir) throws Exception {
    String config = (String) Charts.defaultValues(Charts.GATEWAY).get("config");

    LoadedConfig loaded = ConfigLoader.load(config, dir);

    assertThat(loaded.resources())
        .filteredOn(Resource::hasBind)
        .extracting(r -> r.getBind().getPort())
        .containsExactly(8080);
    assertThat(loaded.resources()).filteredOn(Resource::hasRoute).hasSize(3);
  }

  @Test
  void theConfigMapHoldsTheConfigAndTheDeploymentMountsItAsTheConfigFile() {
    Charts.Rendered r = Charts.template(Charts.GATEWAY);
    ConfigMap configMap = r.one(ConfigMap.class);
    Deployment d = r.one(Deployment.class);
    Container c = container(d);
    PodSpec pod = d.getSpec().getTemplate().getSpec();

    assertThat(configMap.getData().get("config.yaml"))
        .isEqualTo(Charts.defaultValues(Charts.GATEWAY).get("config"));
    Volume volume =
        pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
    assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
    VolumeMount mount =
        c.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(volume.getName()))
            .findFirst()
            .orElseThrow();
    // A directory mount (no subPath): ConfigMap updates reach the file, which is hot-reloaded.
    assertThat(mount.getSubPath()).isNull();
    assertThat(env(c)).containsEntry("AGW_CONFIG", mount.getMountPath() + "/config.yaml");
    assertThat(env(c)).doesNotContainKey("AGW_XDS_ADDRESS");

    assertThat(c.getImage()).isEqualTo("agw/gateway:0.1.0");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(c.getPorts())
        .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("admin", 15000),
            org.assertj.core.groups.Tuple.tuple("port-8080", 8080));
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(r.one(Service.class).getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(8080);
    assertThat(pod.getServiceAccountName())
        .isEqualTo(r.one(ServiceAccount.class).getMetadata().getName());
  }

  @Test
  void portsFollowTheConfigsBindsAndValuesSetImageReplicasAndEnv(@TempDir Path dir)
      throws Exception {
    Path values = Files.writeString(dir.resolve("values.yaml"), TWO_PORTS);
    Charts.Rendered r =
        Charts.template(
            Charts.GATEWAY,
            t ->
                t.withValuesFile(values)
                    .set("image.repository", "registry.example/agw")
                    .set("image.tag", "2.0.0")
                    .set("replicas", 4)
                    .set("env[0].name", "OPENAI_API_KEY")
                    .set("env[0].valueFrom.secretKeyRef.name", "openai")
                    .set("env[0].valueFrom.secretKeyRef.key", "key")
                    .set("restartOnConfigChange", true));
    Deployment d = r.one(Deployment.class);
    Container c = container(d);

    assertThat(d.getSpec().getReplicas()).isEqualTo(4);
    assertThat(c.getImage()).isEqualTo("registry.example/agw:2.0.0");
    assertThat(c.getEnv())
        .filteredOn(e -> e.getName().equals("OPENAI_API_KEY"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("openai"));
    assertThat(c.getPorts())
        .extracting(ContainerPort::getContainerPort)
        .containsExactly(15000, 3000, 443);
    assertThat(r.one(Service.class).getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(3000, 443);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("agw.io/config-checksum");
    // The config is the user's, whole.
    ConfigLoader.load(r.one(ConfigMap.class).getData().get("config.yaml"), dir);
  }

  @Test
  void inXdsModeTheGatewayConnectsToTheControlServiceAndHasNoConfigMap() {
    Charts.Rendered r =
        Charts.template(
            Charts.GATEWAY,
            t ->
                t.set("xds.address", "agw-control.agw-system.svc:15010")
                    .set("xds.gateway", "web")
                    .set("xds.ports[0]", 8080));
    Deployment d = r.one(Deployment.class);
    Container c = container(d);

    assertThat(r.all(ConfigMap.class)).isEmpty();
    assertThat(env(c))
        .containsEntry("AGW_XDS_ADDRESS", "agw-control.agw-system.svc:15010")
        .containsEntry("AGW_XDS_GATEWAY", "web")
        .containsEntry("AGW_XDS_NAMESPACE", "agw-system")
        .doesNotContainKey("AGW_CONFIG");
    assertThat(r.one(Service.class).getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(8080);

    assertThatThrownBy(
            () ->
                Charts.template(
                    Charts.GATEWAY, t -> t.set("xds.address", "agw-control.agw-system.svc:15010")))
        .hasMessageContaining("xds.gateway");
  }

  @Test
  void podsHaveAGracePeriodAndRunTheImageNonRootOnAReadOnlyRootFileSystem() {
    Deployment d = Charts.template(Charts.GATEWAY).one(Deployment.class);
    var pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);

    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    // The JVM's temporary files go to a writable emptyDir.
    assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    assertThat(c.getImage()).isEqualTo("agw/gateway:0.1.0");
    // The gateway's admin port defaults to loopback; the probes come from the pod network.
    assertThat(env(c)).containsEntry("AGW_ADMIN_ADDRESS", "0.0.0.0");
  }

  @Test
  void theUsageStoreIsASqliteFileOnTheDataVolumeUnlessASecretNamesPostgres() {
    Deployment d = Charts.template(Charts.GATEWAY).one(Deployment.class);
    Container c = container(d);
    assertThat(env(c)).containsEntry("AGW_DATABASE_URL", "sqlite:/var/lib/agw/agw.db");
    // The first-run admin token goes to the writable data volume, not the read-only root.
    assertThat(env(c)).containsEntry("AGW_ADMIN_GENERATEDTOKENFILE", "/var/lib/agw/admin-token");
    assertThat(c.getVolumeMounts())
        .anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/var/lib/agw"));
    Volume data =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("data"))
            .findFirst()
            .orElseThrow();
    assertThat(data.getEmptyDir()).isNotNull();

    Deployment shared =
        Charts.template(
                Charts.GATEWAY,
                t ->
                    t.set("usage.databaseSecret", "usage-db")
                        .set("usage.persistentVolumeClaim", "agw-data"))
            .one(Deployment.class);
    EnvVar url =
        container(shared).getEnv().stream()
            .filter(e -> e.getName().equals("AGW_DATABASE_URL"))
            .findFirst()
            .orElseThrow();
    // The URL and its password stay in the Secret; the pod spec only names it.
    assertThat(url.getValue()).isNull();
    assertThat(url.getValueFrom().getSecretKeyRef().getName()).isEqualTo("usage-db");
    assertThat(url.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
    assertThat(shared.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(
            v ->
                v.getName().equals("data")
                    && v.getPersistentVolumeClaim() != null
                    && v.getPersistentVolumeClaim().getClaimName().equals("agw-data"));
  }
}
