package io.agw.gateway.admin.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How admin API callers authenticate ({@code agw.admin.*}). Either or both of a static token and a
 * JWT issuer may be set. With neither, a token is generated on first run into {@code
 * generatedTokenFile} (unless {@code generateToken} is false, in which case every credentialed call
 * is refused).
 *
 * @param token the static bearer token; never logged
 * @param tokenFile a file holding the static token (read once at start, surrounding whitespace
 *     removed), used when {@code token} is not set
 * @param jwt JWTs accepted as admin credentials
 * @param generateToken whether to create (or reuse) {@code generatedTokenFile} when no credential
 *     is configured; default true
 * @param generatedTokenFile where the generated token is kept; default {@code data/admin-token}
 * @param localReads whether {@code GET} and {@code HEAD} calls from this machine (see {@link
 *     LocalRequest}) need no credential; default true
 */
@ConfigurationProperties("agw.admin")
public record AdminApiProperties(
    String token,
    String tokenFile,
    Jwt jwt,
    Boolean generateToken,
    String generatedTokenFile,
    Boolean localReads) {

  public AdminApiProperties {
    jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
    generateToken = generateToken == null || generateToken;
    generatedTokenFile =
        generatedTokenFile == null || generatedTokenFile.isBlank()
            ? "data/admin-token"
            : generatedTokenFile;
    localReads = localReads == null || localReads;
  }

  /** Whether an operator configured a credential (a token, a token file or a JWT issuer). */
  boolean credentialConfigured() {
    return (token != null && !token.isBlank())
        || (tokenFile != null && !tokenFile.isBlank())
        || (jwt.issuer() != null && !jwt.issuer().isBlank());
  }

  /**
   * @param issuer the required {@code iss}; JWT authentication is on when this and {@code jwksUri}
   *     are set
   * @param jwksUri where the issuer's signing keys are published
   * @param audience the required audience (one of {@code aud}), or null for any
   * @param roleClaim the claim holding the caller's roles: a list or a space-separated string
   * @param role the role an admin must have
   */
  public record Jwt(String issuer, String jwksUri, String audience, String roleClaim, String role) {
    public Jwt {
      roleClaim = roleClaim == null || roleClaim.isBlank() ? "roles" : roleClaim;
      role = role == null || role.isBlank() ? "agw-admin" : role;
    }

    boolean enabled() {
      return issuer != null && !issuer.isBlank() && jwksUri != null && !jwksUri.isBlank();
    }
  }
}
