package io.agw.model.config.yaml;

/** Policies applied to all traffic of a listener. */
@AgentgatewayDefinition("LocalGatewayPolicy")
public record ListenerPoliciesYaml(
    CorsYaml cors,
    JwtAuthYaml jwtAuth,
    ApiKeysYaml apiKey,
    BasicAuthYaml basicAuth,
    AuthorizationYaml authorization,
    TransformationsYaml transformations) {}
