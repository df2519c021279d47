package io.agw.gateway.security.oidc;

/**
 * A logged-in browser: kept sealed in the session cookie (agentgateway's {@code BrowserSession}).
 * The ID token is verified again on every request, so a session is never trusted beyond its token.
 *
 * @param expiresAtUnix the earlier of the ID token's {@code exp} and the session lifetime
 */
record BrowserSession(String policyId, String rawIdToken, long expiresAtUnix) {

  @Override
  public String toString() {
    return "BrowserSession[" + policyId + ", expires " + expiresAtUnix + "]";
  }
}
