package io.agw.model.config.yaml;

/**
 * {@code backendAuth.azure.explicitConfig}: exactly one of {@code clientSecret}, {@code
 * managedIdentity} or {@code workloadIdentity} (which takes no fields: the environment names the
 * tenant, client and federated token file).
 */
public record AzureExplicitConfigYaml(
    AzureClientSecretYaml clientSecret,
    AzureManagedIdentityYaml managedIdentity,
    NoFieldsYaml workloadIdentity) {}
