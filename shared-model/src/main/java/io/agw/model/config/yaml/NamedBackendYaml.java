package io.agw.model.config.yaml;

/**
 * A top-level backend that routes refer to by name: exactly one of the {@code host} and {@code ai}
 * kinds.
 */
@AgentgatewayDefinition("FullLocalBackend")
public record NamedBackendYaml(
    String name, String host, AiBackendYaml ai, BackendPoliciesYaml policies) {}
