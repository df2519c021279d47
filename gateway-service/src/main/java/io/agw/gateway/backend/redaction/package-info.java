/**
 * Keeping the gateway's own credentials from coming back to clients. What the gateway puts on a
 * request to an upstream as a credential (an LLM provider's key or minted token, a plain backend's
 * {@code backendAuth}) is recorded per exchange ({@link
 * io.agw.gateway.backend.redaction.UpstreamSecrets}) and redacted ({@link
 * io.agw.gateway.backend.redaction.SecretRedactor}) from the upstream's response headers and error
 * bodies before they reach the client. The bottom layer: features record and decorate, this package
 * knows none of them.
 */
package io.agw.gateway.backend.redaction;
