package io.agw.control.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A backend routes can send to, referenced from an {@code HTTPRoute} backendRef with group {@code
 * agw.io} and kind {@code AgentgatewayBackend}. See {@link AgentgatewayBackendSpec}.
 */
@Group(AgentgatewayBackend.GROUP)
@Version(AgentgatewayBackend.VERSION)
public class AgentgatewayBackend
    extends CustomResource<AgentgatewayBackendSpec, AgentgatewayBackendStatus>
    implements Namespaced {

  /** The API group of our custom resources. */
  public static final String GROUP = "agw.io";

  /** The API version of our custom resources. */
  public static final String VERSION = "v1alpha1";
}
