package io.agw.gateway.tokenexchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Exchanged tokens by {@link ExchangeInput#cacheKey()}, as agentgateway keeps them: a token lives
 * for its {@code expires_in} (or the default lifetime when the answer has none), never past the
 * subject token's own {@code exp}, and is not served in its last 15 seconds. Concurrent requests
 * with the same key share one call to the token endpoint; a failed call is not cached. At most
 * {@code maxEntries} tokens are kept, the least recently used dropped first. Thread-safe.
 */
final class TokenCache {

  static final int DEFAULT_MAX_ENTRIES = 8192;
  static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);

  /** A token being fetched ({@code expiresAt} null) or fetched. */
  private static final class Entry {
    final Mono<String> token;
    volatile Instant expiresAt;

    Entry(Mono<String> token) {
      this.token = token;
    }
  }

  private final Duration defaultTtl;
  private final Clock clock;
  private final Map<String, Entry> entries;

  TokenCache(int maxEntries, Duration defaultTtl, Clock clock) {
    this.defaultTtl = defaultTtl;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /**
   * The cached token for {@code key}, or the one {@code fetch} gets (then cached).
   *
   * @param subjectExpiry when the subject token expires, or null if unknown (an opaque token)
   */
  Mono<String> get(String key, Instant subjectExpiry, Supplier<Mono<TokenResponse.Issued>> fetch) {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          Entry entry;
          synchronized (entries) {
            entry = entries.get(key);
            if (entry != null && (entry.expiresAt == null || fresh(entry.expiresAt, now))) {
              return entry.token;
            }
            entry = newEntry(key, subjectExpiry, fetch);
            entries.put(key, entry);
          }
          return entry.token;
        });
  }

  private Entry newEntry(
      String key, Instant subjectExpiry, Supplier<Mono<TokenResponse.Issued>> fetch) {
    Entry[] self = new Entry[1];
    Mono<String> token =
        fetch
            .get()
            .doOnNext(issued -> settle(key, self[0], issued, subjectExpiry))
            .doOnError(e -> remove(key, self[0]))
            .map(TokenResponse.Issued::accessToken)
            .cache();
    self[0] = new Entry(token);
    return self[0];
  }

  private void settle(String key, Entry entry, TokenResponse.Issued issued, Instant subjectExpiry) {
    Instant now = clock.instant();
    Instant expiresAt =
        now.plus(issued.expiresIn() != null ? Duration.ofSeconds(issued.expiresIn()) : defaultTtl);
    if (subjectExpiry != null && subjectExpiry.isBefore(expiresAt)) {
      expiresAt = subjectExpiry;
    }
    if (fresh(expiresAt, now)) {
      entry.expiresAt = expiresAt;
    } else {
      remove(key, entry);
    }
  }

  private void remove(String key, Entry entry) {
    synchronized (entries) {
      entries.remove(key, entry);
    }
  }

  private static boolean fresh(Instant expiresAt, Instant now) {
    return Duration.between(now, expiresAt).compareTo(SAFETY_MARGIN) > 0;
  }
}
