package io.agw.gateway.security.oidc;

/**
 * What the gateway remembers between sending a browser to the provider and its return: kept sealed
 * in the transaction cookie (agentgateway's {@code TransactionState}, same fields). {@code
 * pkceVerifier} never leaves the gateway except to the token endpoint.
 *
 * @param originalUri the local path and query to return to after the login
 * @param expiresAtUnix when the login attempt lapses (seconds since the epoch)
 */
record LoginTransaction(
    String policyId,
    String transactionId,
    String csrfState,
    String nonce,
    String pkceVerifier,
    String originalUri,
    long expiresAtUnix) {

  @Override
  public String toString() {
    return "LoginTransaction[" + policyId + ", " + transactionId + "]";
  }
}
