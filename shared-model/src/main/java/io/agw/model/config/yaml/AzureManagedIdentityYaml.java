package io.agw.model.config.yaml;

/**
 * {@code explicitConfig.managedIdentity}: the host's system-assigned identity, or the {@code
 * userAssignedIdentity} named by one of {@code clientId}, {@code objectId} or {@code resourceId}.
 */
public record AzureManagedIdentityYaml(AzureUserAssignedIdentityYaml userAssignedIdentity) {}
