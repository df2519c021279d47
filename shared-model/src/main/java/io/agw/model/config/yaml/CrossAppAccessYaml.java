package io.agw.model.config.yaml;

import java.util.List;

/**
 * {@code backendAuth.crossAppAccess} (agentgateway's {@code CrossAppAccessAuth}, the ID-JAG flow):
 * the identity provider and the resource authorization server, the ID-JAG's {@code audience}, the
 * {@code resources} and {@code scopes} requested, and where the user's token is read.
 */
@AgentgatewayDefinition("CrossAppAccessAuth")
public record CrossAppAccessYaml(
    Endpoint identityProvider,
    Endpoint resourceAuthorizationServer,
    String audience,
    List<String> resources,
    List<String> scopes,
    List<String> accessTokenScopes,
    OAuthTokenSpecYaml subjectToken,
    OAuthTokenCacheYaml cache) {

  /**
   * One token endpoint ({@code host} and {@code path}) with the client credentials used there;
   * {@code backend}, {@code service} and {@code policies} are read so they can be refused.
   */
  @AgentgatewayDefinition("CrossAppAccessEndpoint")
  public record Endpoint(
      String host,
      String backend,
      Object service,
      Object policies,
      String path,
      OAuthClientAuthYaml clientAuth) {}
}
