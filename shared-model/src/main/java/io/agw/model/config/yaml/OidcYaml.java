package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code oidc} policy (browser login): the provider by {@code issuer} (discovered, from a
 * {@code discovery} document, or from the explicit {@code authorizationEndpoint}, {@code
 * tokenEndpoint} and {@code jwks}), the client ({@code clientId}, {@code clientSecret}, {@code
 * tokenEndpointAuth}), the callback ({@code redirectURI}) and extra {@code scopes}.
 */
@AgentgatewayDefinition("LocalOidcConfig")
public record OidcYaml(
    String issuer,
    SourceYaml discovery,
    String authorizationEndpoint,
    String tokenEndpoint,
    String tokenEndpointAuth,
    SourceYaml jwks,
    String clientId,
    SecretYaml clientSecret,
    @JsonProperty("redirectURI") String redirectUri,
    List<String> scopes) {}
