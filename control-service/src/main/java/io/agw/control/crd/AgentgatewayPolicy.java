package io.agw.control.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Policies attached by {@code targetRefs} to a Gateway, one of its listeners, or an HTTPRoute. See
 * {@link AgentgatewayPolicySpec}.
 */
@Group(AgentgatewayBackend.GROUP)
@Version(AgentgatewayBackend.VERSION)
public class AgentgatewayPolicy
    extends CustomResource<AgentgatewayPolicySpec, AgentgatewayPolicyStatus>
    implements Namespaced {}
