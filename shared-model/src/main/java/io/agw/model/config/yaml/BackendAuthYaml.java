package io.agw.model.config.yaml;

import java.util.List;

/**
 * Credentials for a backend, one kind: {@code key: <secret>} or {@code key: {value: <secret>,
 * location?}}, where a secret is a string (a value, or {@code $NAME} for an environment variable)
 * or {@code {file: path}}; {@code passthrough: {location?}} (the caller's validated JWT); {@code
 * jwtSign: {...}} (a JWT signed per request); {@code gcp: {...}} (Google tokens); {@code aws:
 * {...}} (SigV4 signing); {@code azure: {...}} (Entra ID tokens); {@code oauthTokenExchange} /
 * {@code crossAppAccess} (a token exchanged per caller at an authorization server). {@code
 * credentials} adds more secrets at given locations, with or without a kind.
 */
@AgentgatewayDefinition({"BackendAuthCompat", "BackendAuth"})
public record BackendAuthYaml(
    SecretKeyYaml key,
    GcpAuthYaml gcp,
    AwsAuthYaml aws,
    AzureAuthYaml azure,
    PassthroughAuthYaml passthrough,
    JwtSignAuthYaml jwtSign,
    List<BackendCredentialYaml> credentials,
    OAuthTokenExchangeYaml oauthTokenExchange,
    CrossAppAccessYaml crossAppAccess) {

  /** The same credentials with {@code key} in place of the written one. */
  public BackendAuthYaml withKey(SecretKeyYaml key) {
    return new BackendAuthYaml(
        key,
        gcp,
        aws,
        azure,
        passthrough,
        jwtSign,
        credentials,
        oauthTokenExchange,
        crossAppAccess);
  }

  /** {@code passthrough}: where the forwarded JWT goes (unset: {@code Authorization: Bearer}). */
  public record PassthroughAuthYaml(AuthLocationYaml location) {}
}
