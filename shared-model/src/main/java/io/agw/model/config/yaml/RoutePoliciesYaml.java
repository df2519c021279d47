package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Policies of a route. {@code filters} is this gateway's extension (Spring Cloud Gateway filters);
 * it is not part of agentgateway's format.
 */
@AgentgatewayDefinition("FilterOrPolicy")
public record RoutePoliciesYaml(
    HeaderModifierYaml requestHeaderModifier,
    HeaderModifierYaml responseHeaderModifier,
    RedirectYaml requestRedirect,
    UrlRewriteYaml urlRewrite,
    DirectResponseYaml directResponse,
    CorsYaml cors,
    TimeoutYaml timeout,
    RetryYaml retry,
    BufferYaml buffer,
    @JsonProperty("backendTLS") BackendTlsYaml backendTls,
    A2aPolicyYaml a2a,
    AiPolicyYaml ai,
    List<FilterYaml> filters,
    JwtAuthYaml jwtAuth,
    ApiKeysYaml apiKey,
    BasicAuthYaml basicAuth,
    AuthorizationYaml authorization,
    TransformationsYaml transformations,
    RateLimitYaml localRateLimit,
    RemoteRateLimitYaml remoteRateLimit,
    AuthorizationYaml mcpAuthorization,
    McpAuthenticationYaml mcpAuthentication) {}
