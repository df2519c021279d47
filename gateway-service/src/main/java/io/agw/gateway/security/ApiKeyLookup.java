package io.agw.gateway.security;

import io.agw.gateway.identity.Caller.ApiKeyIdentity;

/**
 * API keys that live outside the configuration (virtual keys of the usage store): every {@code
 * apiKey} policy consults it when a presented key is not one of the policy's own keys. Lookups run
 * on the request path, so an implementation answers from memory. Thread-safe.
 */
public interface ApiKeyLookup {

  /** No keys besides the configured ones. */
  ApiKeyLookup NONE = (presented, sha256) -> null;

  /**
   * The identity of a valid key, or null when the key is unknown, expired or revoked.
   *
   * @param presented the key as the client sent it (goes into the identity for CEL; never logged)
   * @param sha256 the lower-case hex SHA-256 of {@code presented}
   */
  ApiKeyIdentity find(String presented, String sha256);
}
