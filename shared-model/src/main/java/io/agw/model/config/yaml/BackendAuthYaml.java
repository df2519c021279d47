package io.agw.model.config.yaml;

/**
 * Credentials for a backend: {@code key: <secret>} or {@code key: {value: <secret>}}, where a
 * secret is a string (a value, or {@code $NAME} for an environment variable) or {@code {file:
 * path}}; or {@code gcp: {credential?}} for Google access tokens (Vertex AI providers); or {@code
 * aws: {...}} for AWS SigV4 signing (Bedrock).
 */
@AgentgatewayDefinition({"BackendAuthCompat", "BackendAuth"})
public record BackendAuthYaml(SecretKeyYaml key, GcpAuthYaml gcp, AwsAuthYaml aws) {}
