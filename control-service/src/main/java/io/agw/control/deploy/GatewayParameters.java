package io.agw.control.deploy;

import io.agw.control.crd.AgentgatewayParametersSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective deployment settings of one Gateway: its class's {@code AgentgatewayParameters},
 * overridden field by field by the Gateway's own, over the deployer's defaults. Immutable.
 *
 * @param image the gateway container image
 * @param replicas the number of gateway pods
 * @param resources the container's requests and limits; {@code null} for none
 * @param env extra environment variables, in order (the deployer's xDS variables come first)
 * @param serviceType the Service's type
 */
public record GatewayParameters(
    String image,
    int replicas,
    ResourceRequirements resources,
    List<EnvVar> env,
    String serviceType) {

  static final String DEFAULT_SERVICE_TYPE = "LoadBalancer";

  public GatewayParameters {
    env = List.copyOf(env);
  }

  /** The defaults: the given image, one replica, no resources, no env, a LoadBalancer Service. */
  public static GatewayParameters defaults(String image) {
    return new GatewayParameters(image, 1, null, List.of(), DEFAULT_SERVICE_TYPE);
  }

  /**
   * These settings with every field {@code spec} sets replacing ours; env entries replace ours by
   * name and new ones are appended. A {@code null} spec changes nothing.
   */
  public GatewayParameters overriddenBy(AgentgatewayParametersSpec spec) {
    if (spec == null) {
      return this;
    }
    Map<String, EnvVar> merged = new LinkedHashMap<>();
    env.forEach(e -> merged.put(e.getName(), e));
    if (spec.getEnv() != null) {
      spec.getEnv().forEach(e -> merged.put(e.getName(), e));
    }
    return new GatewayParameters(
        blank(spec.getImage()) ? image : spec.getImage(),
        spec.getReplicas() == null ? replicas : spec.getReplicas(),
        spec.getResources() == null ? resources : spec.getResources(),
        new ArrayList<>(merged.values()),
        blank(spec.getServiceType()) ? serviceType : spec.getServiceType());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
