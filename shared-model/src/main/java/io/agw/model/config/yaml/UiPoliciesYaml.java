package io.agw.model.config.yaml;

/**
 * {@code ui.policies}: the route policies agentgateway allows in front of the UI. {@code extAuthz}
 * and {@code csrf} are read as they are written so the mapper can refuse them with a reason.
 */
@AgentgatewayDefinition("LocalUIPolicy")
public record UiPoliciesYaml(
    CorsYaml cors,
    OidcYaml oidc,
    JwtAuthYaml jwtAuth,
    AuthorizationYaml authorization,
    Object extAuthz,
    BasicAuthYaml basicAuth,
    ApiKeysYaml apiKey,
    Object csrf) {}
