package io.agw.model.config.yaml;

import java.util.List;

/** A trusted token issuer and its signing keys. */
@AgentgatewayDefinition("ProviderConfig")
public record JwtProviderYaml(
    String issuer,
    List<String> audiences,
    SourceYaml jwks,
    JwtValidationOptionsYaml jwtValidationOptions) {}
