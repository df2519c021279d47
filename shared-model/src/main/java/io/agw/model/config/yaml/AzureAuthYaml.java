package io.agw.model.config.yaml;

/**
 * {@code backendAuth.azure}: Entra ID (Azure AD) credentials, exactly one of {@code explicitConfig}
 * (a client secret, a managed identity or workload identity), {@code developerImplicit} (the
 * developer tools' sign-in) or {@code implicit} (whatever the environment offers).
 */
@AgentgatewayDefinition("AzureAuth")
public record AzureAuthYaml(
    AzureExplicitConfigYaml explicitConfig,
    NoFieldsYaml developerImplicit,
    NoFieldsYaml implicit) {}
