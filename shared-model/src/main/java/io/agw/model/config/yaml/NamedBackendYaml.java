package io.agw.model.config.yaml;

/** A top-level backend that routes refer to by name. Only the {@code host} kind is supported. */
@AgentgatewayDefinition("FullLocalBackend")
public record NamedBackendYaml(String name, String host, BackendPoliciesYaml policies) {}
