package io.agw.model.config.yaml;

/**
 * Credentials for a backend: {@code key: <secret>} or {@code key: {value: <secret>}}, where a
 * secret is a string (a value, or {@code $NAME} for an environment variable) or {@code {file:
 * path}}; or {@code gcp: {credential?}} for Google access tokens (Vertex AI providers); or {@code
 * aws: {...}} for AWS SigV4 signing (Bedrock); or {@code azure: {...}} for Entra ID tokens
 * (azureContentSafety guards); or {@code oauthTokenExchange} / {@code crossAppAccess} for a token
 * exchanged per caller at an authorization server.
 */
@AgentgatewayDefinition({"BackendAuthCompat", "BackendAuth"})
public record BackendAuthYaml(
    SecretKeyYaml key,
    GcpAuthYaml gcp,
    AwsAuthYaml aws,
    AzureAuthYaml azure,
    OAuthTokenExchangeYaml oauthTokenExchange,
    CrossAppAccessYaml crossAppAccess) {}
