package io.agw.gateway.security.extauthz;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.runtime.CelEvaluationException;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code extAuthz.cache}, as agentgateway keeps it: decisions reused for requests whose key (the
 * values of the {@code key} CEL expressions, by type and value) is the same, until the TTL read
 * from the {@code ttl} expression once the decision is applied. Allows and refusals are both kept
 * (over HTTP only 401 and 403 refusals and the configured redirect, as agentgateway); a failed call
 * never is. Within the last tenth of the TTL (at most 5 seconds) one request checks again while the
 * others still use the entry, so a busy key does not all expire at once. An empty key list, or a
 * key expression that fails or gives another type (a map, a list), means no caching for that
 * request. At most {@code maxEntries} decisions, the least recently used dropped first. One per
 * policy in a state; thread-safe.
 */
final class DecisionCache {

  static final int DEFAULT_MAX_ENTRIES = 10_000;
  private static final Duration MAX_REFRESH_WINDOW = Duration.ofSeconds(5);
  private static final Object NULL_KEY = new Object();

  private final List<CelExpression> key;
  private final CelExpression ttl;
  private final boolean http;
  private final boolean httpRedirect;
  private final Clock clock;
  private final Map<List<Object>, Entry> entries;

  /**
   * @param http whether the service is called over HTTP (which refusals are kept)
   * @param httpRedirect whether HTTP refusals are answered with the configured redirect
   */
  DecisionCache(
      List<CelExpression> key,
      CelExpression ttl,
      int maxEntries,
      boolean http,
      boolean httpRedirect,
      Clock clock) {
    this.key = List.copyOf(key);
    this.ttl = ttl;
    this.http = http;
    this.httpRedirect = httpRedirect;
    this.clock = clock;
    int max = maxEntries <= 0 ? DEFAULT_MAX_ENTRIES : maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<List<Object>, Entry> eldest) {
            return size() > max;
          }
        };
  }

  /** The key of this request, or empty when it is not cached. */
  Optional<List<Object>> key(CelContext context) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    List<Object> values = new ArrayList<>(key.size());
    for (CelExpression expression : key) {
      Object value;
      try {
        value = expression.eval(context);
      } catch (CelEvaluationException | RuntimeException e) {
        return Optional.empty();
      }
      if (value instanceof com.google.protobuf.NullValue
          || value instanceof dev.cel.common.values.NullValue) {
        values.add(NULL_KEY);
      } else if (value instanceof Long
          || value instanceof UnsignedLong
          || value instanceof Double
          || value instanceof Boolean
          || value instanceof String
          || value instanceof ByteString) {
        // Each kept as its own type: 1, 1u and 1.0 are three keys, as in agentgateway.
        values.add(value);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(values));
  }

  /**
   * The decision kept for {@code key}; empty when there is none, it expired, or this request is the
   * one that checks again near the end of the TTL.
   */
  synchronized Optional<Decision> lookup(List<Object> key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(entry.expires())) {
      entries.remove(key);
      return Optional.empty();
    }
    Duration remaining = Duration.between(now, entry.expires());
    Duration window = entry.ttl().dividedBy(10);
    if (window.compareTo(MAX_REFRESH_WINDOW) > 0) {
      window = MAX_REFRESH_WINDOW;
    }
    if (remaining.compareTo(window) > 0 || !entry.refreshing().compareAndSet(false, true)) {
      return Optional.of(entry.decision());
    }
    return Optional.empty();
  }

  /** Whether {@code decision} may be kept. */
  boolean cacheable(Decision decision) {
    if (decision instanceof Decision.Allow) {
      return true;
    }
    if (decision instanceof Decision.Deny deny) {
      return !http
          || deny.status() == 401
          || deny.status() == 403
          || (httpRedirect && deny.status() == 302);
    }
    // A refusal without a response of its own is kept over gRPC; over HTTP it is a failed
    // redirect expression, which agentgateway does not keep. Unavailable is never kept.
    return decision instanceof Decision.DenyWithoutResponse && !http;
  }

  /**
   * Keeps {@code decision} for {@code key} when it may be kept and the TTL, evaluated in {@code
   * context} (which sees the decision's {@code extauthz} metadata), is a positive duration, a
   * future timestamp, or a future number of seconds since the epoch.
   */
  void store(List<Object> key, Decision decision, CelContext context) {
    if (!cacheable(decision)) {
      return;
    }
    Instant now = clock.instant();
    Optional<Instant> expires = expiry(context, now);
    if (expires.isEmpty() || !expires.get().isAfter(now)) {
      return;
    }
    Entry entry =
        new Entry(
            decision, expires.get(), Duration.between(now, expires.get()), new AtomicBoolean());
    synchronized (this) {
      entries.put(key, entry);
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private Optional<Instant> expiry(CelContext context, Instant now) {
    Object value;
    try {
      value = ttl.eval(context);
    } catch (CelEvaluationException | RuntimeException e) {
      return Optional.empty();
    }
    try {
      if (value instanceof Duration d) {
        return Optional.of(now.plus(d));
      }
      if (value instanceof com.google.protobuf.Duration d) {
        return Optional.of(now.plusSeconds(d.getSeconds()).plusNanos(d.getNanos()));
      }
      if (value instanceof Instant at) {
        return Optional.of(at);
      }
      if (value instanceof com.google.protobuf.Timestamp at) {
        return Optional.of(Instant.ofEpochSecond(at.getSeconds(), at.getNanos()));
      }
      if (value instanceof Long seconds) {
        return Optional.of(Instant.ofEpochSecond(seconds));
      }
      if (value instanceof UnsignedLong seconds) {
        return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
      }
      if (value instanceof Double seconds && Double.isFinite(seconds) && seconds >= 0) {
        return Optional.of(Instant.ofEpochMilli(Math.round(seconds * 1000)));
      }
      return Optional.empty();
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private record Entry(
      Decision decision, Instant expires, Duration ttl, AtomicBoolean refreshing) {}
}
