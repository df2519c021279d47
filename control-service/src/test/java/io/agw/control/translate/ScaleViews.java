package io.agw.control.translate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster views of one Gateway ({@code scale/edge}, port 8080) with many HTTPRoutes, route {@code
 * i} matching the prefix {@code /r<i>} and sending to the Service {@code echo}: for delta tests and
 * benchmarks at scale.
 */
public final class ScaleViews {

  public static final String NAMESPACE = "scale";
  public static final String NODE = NAMESPACE + "/edge";

  private ScaleViews() {}

  public static GatewayClass gatewayClass() {
    return new GatewayClassBuilder()
        .withNewMetadata()
        .withName("agw")
        .endMetadata()
        .withNewSpec()
        .withControllerName(Translator.CONTROLLER_NAME)
        .endSpec()
        .build();
  }

  public static Gateway gateway(int port) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withName("edge")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withGatewayClassName("agw")
        .addNewListener()
        .withName("http")
        .withProtocol("HTTP")
        .withPort(port)
        .endListener()
        .endSpec()
        .build();
  }

  public static Service service() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("echo")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(8080)
        .endPort()
        .endSpec()
        .build();
  }

  /** Route {@code i} with the path prefix {@code path}. */
  public static HTTPRoute route(int i, String path) {
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName("r" + i)
        .withNamespace(NAMESPACE)
        // Fixed creation order, as the API server's timestamps would give.
        .withCreationTimestamp(String.format("2026-01-01T00:00:00.%06dZ", i))
        .endMetadata()
        .withNewSpec()
        .addNewParentRef()
        .withName("edge")
        .endParentRef()
        .addNewRule()
        .addNewMatch()
        .withNewPath()
        .withType("PathPrefix")
        .withValue(path)
        .endPath()
        .endMatch()
        .addNewBackendRef()
        .withName("echo")
        .withPort(8080)
        .endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  public static List<HTTPRoute> routes(int count) {
    List<HTTPRoute> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(route(i, "/r" + i));
    }
    return out;
  }

  public static ClusterView view(List<HTTPRoute> routes) {
    return new ClusterView(
        List.of(gatewayClass()),
        List.of(gateway(8080)),
        routes,
        List.of(),
        List.of(service()),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
