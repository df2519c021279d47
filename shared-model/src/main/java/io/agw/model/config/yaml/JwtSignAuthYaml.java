package io.agw.model.config.yaml;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code backendAuth.jwtSign}: a PEM {@code signingKey} (a secret), {@code alg} (RS256 by default),
 * an optional {@code kid}, static {@code claims}, a {@code ttl} (300s by default) and the {@code
 * location} the token is written to.
 */
@AgentgatewayDefinition("JwtSignAuth")
public record JwtSignAuthYaml(
    SecretYaml signingKey,
    String alg,
    String kid,
    Map<String, JsonNode> claims,
    DurationYaml ttl,
    AuthLocationYaml location) {}
