package io.agw.model.config.yaml;

/**
 * A guard that asks a Google Cloud Model Armor template ({@code templateId} of {@code projectId} in
 * {@code location}, default {@code us-central1}). {@code policies} takes {@code backendAuth}
 * ({@code gcp}, or a {@code key} sent as a bearer token; none uses the application default
 * credentials) and {@code backendTLS}.
 */
@AgentgatewayDefinition("GoogleModelArmor")
public record GoogleModelArmorYaml(
    String templateId, String projectId, String location, BackendPoliciesYaml policies) {}
