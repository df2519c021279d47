package io.agw.model.config.yaml;

/** A user-assigned managed identity, named by exactly one of its ids. */
@AgentgatewayDefinition("AzureUserAssignedIdentity")
public record AzureUserAssignedIdentityYaml(String clientId, String objectId, String resourceId) {}
