package io.agw.control.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link GatewayObjects} of a Gateway from its effective {@link GatewayParameters}. Pure
 * and deterministic: the same input gives equal objects, each with a {@code agw.io/desired-hash}
 * annotation over its content, which the reconciler compares instead of diffing server-defaulted
 * fields.
 *
 * <p>The pods run the packaged gateway in xDS mode ({@code AGW_XDS_ADDRESS}, {@code
 * AGW_XDS_GATEWAY}, {@code AGW_XDS_NAMESPACE}): the Gateway's name and namespace are its identity
 * towards the control service. The traffic ports are the listener ports themselves (the gateway
 * binds what the translator's {@code Bind}s say), so the pods allow unprivileged binding of ports
 * below 1024 through the safe sysctl {@code net.ipv4.ip_unprivileged_port_start}.
 */
public final class GatewayObjectsBuilder {

  /** Marks every object the deployer manages (its informers select on it). */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY = "agw-control";

  /** The Gateway API's label for the objects of one Gateway. */
  public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";

  public static final String HASH_ANNOTATION = "agw.io/desired-hash";
  public static final int ADMIN_PORT = 15000;

  private static final String GATEWAY_API_VERSION = "gateway.networking.k8s.io/v1";
  private static final String NAME_LABEL = "app.kubernetes.io/name";
  private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private GatewayObjectsBuilder() {}

  public static GatewayObjects build(
      Gateway gateway, GatewayParameters parameters, String xdsAddress) {
    String name = gateway.getMetadata().getName();
    String namespace = gateway.getMetadata().getNamespace();
    Map<String, String> selector = new TreeMap<>();
    selector.put(NAME_LABEL, "agw-gateway");
    selector.put(GATEWAY_NAME_LABEL, name);
    Map<String, String> labels = new TreeMap<>(infrastructure(gateway, true));
    labels.putAll(selector);
    labels.put(INSTANCE_LABEL, name);
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    Map<String, String> annotations = new TreeMap<>(infrastructure(gateway, false));

    ServiceAccount account =
        new ServiceAccountBuilder().withMetadata(meta(gateway, labels, annotations)).build();
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(meta(gateway, labels, annotations))
            .withNewSpec()
            .withReplicas(parameters.replicas())
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(name)
            .withNewSecurityContext()
            .addNewSysctl("net.ipv4.ip_unprivileged_port_start", "0")
            .endSecurityContext()
            .withContainers(container(gateway, parameters, xdsAddress))
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Service service =
        new ServiceBuilder()
            .withMetadata(meta(gateway, labels, annotations))
            .withNewSpec()
            .withType(parameters.serviceType())
            .withSelector(selector)
            .withPorts(servicePorts(gateway))
            .endSpec()
            .build();
    return new GatewayObjects(hashed(account), hashed(deployment), hashed(service));
  }

  private static Container container(
      Gateway gateway, GatewayParameters parameters, String xdsAddress) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    env.put("AGW_XDS_ADDRESS", new EnvVar("AGW_XDS_ADDRESS", xdsAddress, null));
    env.put(
        "AGW_XDS_GATEWAY", new EnvVar("AGW_XDS_GATEWAY", gateway.getMetadata().getName(), null));
    env.put(
        "AGW_XDS_NAMESPACE",
        new EnvVar("AGW_XDS_NAMESPACE", gateway.getMetadata().getNamespace(), null));
    // The parameters may add variables or replace ours (a different xDS address, say).
    parameters.env().forEach(e -> env.put(e.getName(), e));
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(
        new ContainerPortBuilder()
            .withName("admin")
            .withContainerPort(ADMIN_PORT)
            .withProtocol("TCP")
            .build());
    for (int port : listenerPorts(gateway)) {
      ports.add(
          new ContainerPortBuilder()
              .withName(portName(port))
              .withContainerPort(port)
              .withProtocol("TCP")
              .build());
    }
    return new ContainerBuilder()
        .withName("gateway")
        .withImage(parameters.image())
        .withEnv(new ArrayList<>(env.values()))
        .withPorts(ports)
        .withResources(parameters.resources())
        // Ready once the first configuration from the control service is applied.
        .withReadinessProbe(probe("/actuator/health/readiness", 5))
        .withLivenessProbe(probe("/actuator/health/liveness", 10))
        .withStartupProbe(probe("/actuator/health/liveness", 2, 60))
        .build();
  }

  private static Probe probe(String path, int periodSeconds) {
    return probe(path, periodSeconds, 3);
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("admin"))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static List<ServicePort> servicePorts(Gateway gateway) {
    List<ServicePort> ports = new ArrayList<>();
    for (int port : listenerPorts(gateway)) {
      ports.add(
          new ServicePortBuilder()
              .withName(portName(port))
              .withPort(port)
              .withTargetPort(new IntOrString(port))
              .withProtocol("TCP")
              .build());
    }
    return ports;
  }

  /** The distinct listener ports, ascending (several listeners may share one port). */
  static TreeSet<Integer> listenerPorts(Gateway gateway) {
    TreeSet<Integer> ports = new TreeSet<>();
    if (gateway.getSpec() != null && gateway.getSpec().getListeners() != null) {
      for (Listener listener : gateway.getSpec().getListeners()) {
        if (listener.getPort() != null) {
          ports.add(listener.getPort());
        }
      }
    }
    return ports;
  }

  /** A valid container and Service port name: at most 15 characters, with a letter. */
  private static String portName(int port) {
    return "port-" + port;
  }

  /** {@code spec.infrastructure.labels} (or annotations), to set on every object per the spec. */
  private static Map<String, String> infrastructure(Gateway gateway, boolean labels) {
    GatewayInfrastructure infra =
        gateway.getSpec() == null ? null : gateway.getSpec().getInfrastructure();
    Map<String, String> values =
        infra == null ? null : labels ? infra.getLabels() : infra.getAnnotations();
    return values == null ? Map.of() : values;
  }

  private static ObjectMeta meta(
      Gateway gateway, Map<String, String> labels, Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withName(gateway.getMetadata().getName())
        .withNamespace(gateway.getMetadata().getNamespace())
        .withLabels(new TreeMap<>(labels))
        .withAnnotations(new TreeMap<>(annotations))
        .withOwnerReferences(owner(gateway))
        .build();
  }

  /** Owned by the Gateway: deleting it lets Kubernetes' garbage collector delete these. */
  static OwnerReference owner(Gateway gateway) {
    return new OwnerReferenceBuilder()
        .withApiVersion(GATEWAY_API_VERSION)
        .withKind("Gateway")
        .withName(gateway.getMetadata().getName())
        .withUid(gateway.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static <T extends HasMetadata> T hashed(T object) {
    String json = Serialization.asJson(object);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      object
          .getMetadata()
          .getAnnotations()
          .put(HASH_ANNOTATION, HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    return object;
  }
}
