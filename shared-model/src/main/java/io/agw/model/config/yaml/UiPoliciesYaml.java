package io.agw.model.config.yaml;

/** {@code ui.policies}: the route policies agentgateway allows in front of the UI. */
@AgentgatewayDefinition("LocalUIPolicy")
public record UiPoliciesYaml(
    CorsYaml cors,
    OidcYaml oidc,
    JwtAuthYaml jwtAuth,
    AuthorizationYaml authorization,
    ExtAuthzYaml extAuthz,
    BasicAuthYaml basicAuth,
    ApiKeysYaml apiKey,
    CsrfYaml csrf) {}
