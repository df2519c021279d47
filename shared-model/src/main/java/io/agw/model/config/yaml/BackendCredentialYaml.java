package io.agw.model.config.yaml;

/**
 * One entry of {@code backendAuth.credentials}: a secret {@code key} written at {@code location}.
 */
@AgentgatewayDefinition("BackendAuthCredential")
public record BackendCredentialYaml(AuthLocationYaml location, SecretYaml key) {}
