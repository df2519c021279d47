package io.agw.gateway.security.oidc;

/**
 * The OAuth {@code state} parameter: {@code base64url(JSON)} of the transaction id (which names the
 * transaction cookie) and the CSRF token it must match.
 */
record CallbackState(String transactionId, String csrfState) {}
