package io.agw.model.config.yaml;

/**
 * {@code ui.policies}: the route policies agentgateway allows in front of the UI. {@code csrf} is
 * read as it is written so the mapper can refuse it with a reason.
 */
@AgentgatewayDefinition("LocalUIPolicy")
public record UiPoliciesYaml(
    CorsYaml cors,
    OidcYaml oidc,
    JwtAuthYaml jwtAuth,
    AuthorizationYaml authorization,
    ExtAuthzYaml extAuthz,
    BasicAuthYaml basicAuth,
    ApiKeysYaml apiKey,
    Object csrf) {}
