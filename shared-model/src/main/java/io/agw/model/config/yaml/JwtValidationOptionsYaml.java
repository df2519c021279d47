package io.agw.model.config.yaml;

import java.util.List;

/** Claims that must be present in a token. */
@AgentgatewayDefinition("JWTValidationOptions")
public record JwtValidationOptionsYaml(List<String> requiredClaims) {}
