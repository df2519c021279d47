package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Policies that apply when a backend is called. */
@AgentgatewayDefinition({"LocalBackendPolicies", "SimpleLocalBackendPolicies"})
public record BackendPoliciesYaml(
    HeaderModifierYaml requestHeaderModifier,
    @JsonProperty("backendTLS") BackendTlsYaml backendTls,
    A2aPolicyYaml a2a,
    BackendAuthYaml backendAuth,
    HealthYaml health) {}
