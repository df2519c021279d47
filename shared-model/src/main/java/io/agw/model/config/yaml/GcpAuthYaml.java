package io.agw.model.config.yaml;

/**
 * {@code backendAuth.gcp}: Google tokens from an ADC-compatible {@code credential} JSON (a file or
 * inline), or from the environment's application default credentials when unset: OAuth access
 * tokens ({@code type: accessToken}, the default) or ID tokens ({@code type: idToken}) for {@code
 * audience} (unset: {@code https://} and the backend's host).
 */
@AgentgatewayDefinition("GcpAuth")
public record GcpAuthYaml(String type, SecretYaml credential, String audience) {}
