package io.agw.model.config.yaml;

import java.util.List;

/**
 * JWT authentication: either a list of {@code providers}, or one provider written inline ({@code
 * issuer}, {@code audiences}, {@code jwks}, {@code jwtValidationOptions}).
 */
@AgentgatewayDefinition("LocalJwtConfig")
public record JwtAuthYaml(
    String mode,
    AuthLocationYaml location,
    List<JwtProviderYaml> providers,
    String issuer,
    List<String> audiences,
    SourceYaml jwks,
    JwtValidationOptionsYaml jwtValidationOptions) {}
