package io.agw.model.config.yaml;

/**
 * How the gateway authenticates at a token endpoint (agentgateway's {@code OAuthClientAuth}):
 * {@code clientId}, {@code method} ({@code clientSecretBasic} when omitted, {@code
 * clientSecretPost}, {@code privateKeyJwt}) and {@code clientSecret}. The {@code privateKeyJwt}
 * fields are read so the mapper can refuse them with a reason.
 */
@AgentgatewayDefinition({
  "OAuthClientAuth",
  "RawOAuthClientAuth",
  "RawDefaultClientSecretBasicAuth"
})
public record OAuthClientAuthYaml(
    String clientId,
    String method,
    SecretYaml clientSecret,
    Object signingKey,
    Object certificate,
    Object certificateHeader,
    Object alg,
    Object kid,
    Object assertionAudience) {}
