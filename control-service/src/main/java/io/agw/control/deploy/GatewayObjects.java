package io.agw.control.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * The objects that run one Gateway, all named after it, in its namespace, owned by it.
 *
 * @param serviceAccount the pods' identity
 * @param deployment the gateway pods, connected to the control service over xDS
 * @param service one port per distinct listener port
 */
public record GatewayObjects(
    ServiceAccount serviceAccount, Deployment deployment, Service service) {

  /** In the order they are created: the Deployment's pods need the ServiceAccount. */
  public List<HasMetadata> all() {
    return List.of(serviceAccount, deployment, service);
  }
}
