package io.agw.model.config.yaml;

/**
 * {@code backendAuth.gcp}: Google access tokens from an ADC-compatible {@code credential} JSON (a
 * file or inline), or from the environment's application default credentials when unset. Only
 * {@code type: accessToken} (the default) is supported; ID tokens are refused as not supported yet.
 */
@AgentgatewayDefinition("GcpAuth")
public record GcpAuthYaml(String type, SecretYaml credential, String audience) {}
