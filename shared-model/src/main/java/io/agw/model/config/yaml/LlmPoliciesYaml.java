package io.agw.model.config.yaml;

/**
 * The {@code llm} shorthand's {@code policies} (agentgateway's {@code LocalLLMPolicy}): {@code
 * guardrails} run for every model, before the model's own; the gateway fields ({@code jwtAuth},
 * {@code authorization}, {@code cors}, ...) and the rate limits apply to every request of the
 * shorthand's route.
 */
@AgentgatewayDefinition("LocalLLMPolicy")
public record LlmPoliciesYaml(
    PromptGuardYaml guardrails,
    OidcYaml oidc,
    JwtAuthYaml jwtAuth,
    AuthorizationYaml authorization,
    ExtAuthzYaml extAuthz,
    ExtProcYaml extProc,
    CorsYaml cors,
    TransformationsYaml transformations,
    BasicAuthYaml basicAuth,
    ApiKeysYaml apiKey,
    RateLimitYaml localRateLimit,
    RemoteRateLimitYaml remoteRateLimit) {}
