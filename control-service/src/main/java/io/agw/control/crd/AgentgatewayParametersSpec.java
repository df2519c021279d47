package io.agw.control.crd;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/**
 * How the gateway of a GatewayClass or Gateway is deployed: image, replicas, resources, env and the
 * type of its Service. Every field is optional: an unset field takes the GatewayClass's value (when
 * a Gateway's parameters override its class's), then the deployer's default. {@code env} entries
 * are merged by name, the Gateway's winning.
 */
public class AgentgatewayParametersSpec {

  private String image;
  private Integer replicas;
  private ResourceRequirements resources;
  private List<EnvVar> env = new ArrayList<>();

  /** {@code ClusterIP}, {@code NodePort} or {@code LoadBalancer} (the default). */
  private String serviceType;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public String getServiceType() {
    return serviceType;
  }

  public void setServiceType(String serviceType) {
    this.serviceType = serviceType;
  }
}
