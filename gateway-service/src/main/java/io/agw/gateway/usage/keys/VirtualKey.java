package io.agw.gateway.usage.keys;

import java.time.Instant;
import java.util.List;

/**
 * A virtual key as stored: everything but the secret, of which only the SHA-256 is kept.
 *
 * @param id the key's public identifier ({@code vk_...}); usage records and budgets name it
 * @param name a label for people
 * @param secretHash the lower-case hex SHA-256 of the current secret
 * @param secretPrefix the secret's first characters, to recognise a key; not enough to use it
 * @param previousHash the secret replaced by the last rotation, or null
 * @param previousExpiresAt until when {@code previousHash} is still accepted, or null
 * @param team the team the key's calls are charged to, or null
 * @param user the user the key's calls are charged to, or null
 * @param tags free labels
 * @param allowedModels model patterns the key may use ({@code *} matches anything), null for any
 * @param requestsPerMinute the key's request limit, or null
 * @param tokensPerMinute the key's LLM token limit, or null
 * @param expiresAt when the key stops working, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed (replicas poll for changes by it)
 * @param revokedAt when it was revoked, or null
 */
public record VirtualKey(
    String id,
    String name,
    String secretHash,
    String secretPrefix,
    String previousHash,
    Instant previousExpiresAt,
    String team,
    String user,
    List<String> tags,
    List<String> allowedModels,
    Long requestsPerMinute,
    Long tokensPerMinute,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    Instant revokedAt) {

  /** Whether a presented secret with hash {@code hash} opens this key at {@code now}. */
  boolean accepts(String hash, Instant now) {
    if (revokedAt != null || (expiresAt != null && !now.isBefore(expiresAt))) {
      return false;
    }
    return hash.equals(secretHash)
        || (hash.equals(previousHash)
            && previousExpiresAt != null
            && now.isBefore(previousExpiresAt));
  }
}
