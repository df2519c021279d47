package io.agw.model.config.yaml;

/** Basic authentication against an htpasswd user database. */
@AgentgatewayDefinition("LocalBasicAuth")
public record BasicAuthYaml(
    SourceYaml htpasswd, String realm, String mode, AuthLocationYaml authorizationLocation) {}
