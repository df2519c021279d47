package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * {@code backendAuth.oauthTokenExchange} (agentgateway's {@code OAuthTokenExchangeAuth}): the token
 * endpoint ({@code host}, with {@code path}; {@code backend}, {@code service} and {@code policies}
 * are read so the mapper can refuse them with a reason), the grant, where the incoming tokens are
 * read, the request's parameters, and where the issued token goes.
 */
@AgentgatewayDefinition("OAuthTokenExchangeAuth")
public record OAuthTokenExchangeYaml(
    String host,
    String backend,
    Object service,
    Object policies,
    String path,
    String grantType,
    OAuthTokenSpecYaml subjectToken,
    OAuthTokenSpecYaml actorToken,
    List<String> audiences,
    List<String> scopes,
    List<String> resources,
    String requestedTokenType,
    OAuthClientAuthYaml clientAuth,
    Map<String, String> additionalParams,
    AuthLocationYaml authorizationLocation,
    OAuthTokenCacheYaml cache) {}
