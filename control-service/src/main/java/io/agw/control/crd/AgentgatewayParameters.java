package io.agw.control.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Deployment settings for the gateways of a GatewayClass ({@code spec.parametersRef}) or a Gateway
 * ({@code spec.infrastructure.parametersRef}), read by the deployer ({@code
 * io.agw.control.deploy}). See {@link AgentgatewayParametersSpec}.
 */
@Group(AgentgatewayBackend.GROUP)
@Version(AgentgatewayBackend.VERSION)
public class AgentgatewayParameters
    extends CustomResource<AgentgatewayParametersSpec, AgentgatewayParametersStatus>
    implements Namespaced {}
