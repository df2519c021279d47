package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code mcpAuthentication} route policy: the JWT an MCP route requires, and the protected
 * resource metadata (RFC 9728) the gateway publishes for it. {@code clientId} and {@code
 * clientSecret} are read so that the mapper can refuse them with a reason (they only serve the
 * token proxying this gateway does not do).
 */
@AgentgatewayDefinition("LocalMcpAuthentication")
public record McpAuthenticationYaml(
    String issuer,
    List<String> audiences,
    McpProviderYaml provider,
    JsonNode resourceMetadata,
    SourceYaml jwks,
    String mode,
    AuthLocationYaml authorizationLocation,
    JwtValidationOptionsYaml jwtValidationOptions,
    String clientId,
    String clientSecret) {

  /** The identity provider's kind: exactly one key, each with an empty object as its value. */
  @AgentgatewayDefinition("McpIDP")
  public record McpProviderYaml(
      Map<String, Object> auth0,
      Map<String, Object> keycloak,
      Map<String, Object> okta,
      Map<String, Object> descope,
      Map<String, Object> authentik,
      Map<String, Object> entra) {}

  /** Never print the client secret. */
  @Override
  public String toString() {
    return "McpAuthenticationYaml[issuer=" + issuer + ", audiences=" + audiences + "]";
  }
}
