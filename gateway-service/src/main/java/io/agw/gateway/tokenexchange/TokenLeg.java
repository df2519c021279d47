package io.agw.gateway.tokenexchange;

import java.net.URI;
import java.util.List;

/**
 * One call to a token endpoint as configured: where, which grant, how the gateway authenticates,
 * and the request parameters that do not depend on the caller. Immutable.
 *
 * @param endpoint the token endpoint's URL
 * @param jwtBearer true for RFC 7523 (the incoming token is the {@code assertion}), false for RFC
 *     8693 (it is the {@code subject_token})
 * @param client the gateway's client credentials, or null to send none
 * @param requestedTokenType the {@code requested_token_type}, or null to omit it
 * @param expectedIssuedType the {@code issued_token_type} the answer must carry when it carries one
 *     (an ID-JAG answer must), or null to accept any
 */
record TokenLeg(
    URI endpoint,
    boolean jwtBearer,
    ClientCredentials client,
    List<String> audiences,
    List<String> scopes,
    List<String> resources,
    String requestedTokenType,
    String expectedIssuedType) {

  static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

  /**
   * RFC 6749 2.3 client credentials.
   *
   * @param secret null only with {@code post} (a public client that sends its id alone)
   * @param post true for {@code client_secret_post}, false for {@code client_secret_basic}
   */
  record ClientCredentials(String clientId, String secret, boolean post) {
    @Override
    public String toString() {
      return "ClientCredentials[" + clientId + (post ? ", post" : ", basic") + "]";
    }
  }
}
