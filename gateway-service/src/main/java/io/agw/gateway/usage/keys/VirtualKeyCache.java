package io.agw.gateway.usage.keys;

import io.agw.gateway.identity.Caller.ApiKeyIdentity;
import io.agw.gateway.security.ApiKeyLookup;
import io.agw.gateway.usage.store.StoreNotOpenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica's copy of the virtual keys, so that the request path never reads the database:
 * loaded at start, then polled every {@code refreshInterval} for keys whose {@code updated_at} is
 * recent (with an overlap that covers writes committed late and small clock differences between
 * replicas), and reloaded whole every {@code fullReloadInterval} (which catches anything else). A
 * key revoked or rotated on any replica is thus refused everywhere within one refresh interval plus
 * the poll's own time. While the database cannot be read the last copy is kept (none at all if it
 * never could be read: only the configured keys work then). Thread-safe.
 */
public final class VirtualKeyCache implements ApiKeyLookup, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VirtualKeyCache.class);

  /** How far back each poll looks again, for late commits and replicas' clock skew. */
  static final Duration OVERLAP = Duration.ofSeconds(5);

  /** The keys by id and by the hash of each secret they accept; replaced as a whole. */
  private record Snapshot(Map<String, VirtualKey> byId, Map<String, VirtualKey> byHash) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    static Snapshot of(Collection<VirtualKey> keys) {
      Map<String, VirtualKey> byId = new HashMap<>();
      Map<String, VirtualKey> byHash = new HashMap<>();
      for (VirtualKey key : keys) {
        if (key.revokedAt() != null) {
          continue;
        }
        byId.put(key.id(), key);
        byHash.put(key.secretHash(), key);
        if (key.previousHash() != null) {
          byHash.put(key.previousHash(), key);
        }
      }
      return new Snapshot(Map.copyOf(byId), Map.copyOf(byHash));
    }
  }

  private final VirtualKeyRepository repository;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Duration fullReloadInterval;
  private final ScheduledExecutorService poller;
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  // Guarded by this: the newest updated_at seen, and when the last full load happened.
  private Instant lastSeen;
  private Instant lastFullLoad;
  private boolean failing;

  VirtualKeyCache(
      VirtualKeyRepository repository,
      Clock clock,
      Duration refreshInterval,
      Duration fullReloadInterval) {
    this.repository = repository;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
    this.fullReloadInterval = fullReloadInterval;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "agw-virtual-keys");
              t.setDaemon(true);
              return t;
            });
  }

  /** Loads the keys (if the database answers) and starts polling. */
  void start() {
    refresh();
    long millis = Math.max(1, refreshInterval.toMillis());
    poller.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public ApiKeyIdentity find(String presented, String sha256) {
    VirtualKey key = snapshot.byHash().get(sha256);
    if (key == null || !key.accepts(sha256, clock.instant())) {
      return null;
    }
    return new ApiKeyIdentity(presented, key.id(), metadata(key), key.allowedModels());
  }

  /** The active (not revoked) key {@code id}, or null. */
  VirtualKey byId(String id) {
    return snapshot.byId().get(id);
  }

  /** Takes a key this replica has just written, without waiting for the next poll. */
  synchronized void put(VirtualKey key) {
    Map<String, VirtualKey> byId = new HashMap<>(snapshot.byId());
    if (key.revokedAt() == null) {
      byId.put(key.id(), key);
    } else {
      byId.remove(key.id());
    }
    snapshot = Snapshot.of(byId.values());
  }

  /** One poll: a full load when due, else the recent changes. Never throws. */
  synchronized void refresh() {
    Instant now = clock.instant();
    try {
      if (lastFullLoad == null
          || Duration.between(lastFullLoad, now).compareTo(fullReloadInterval) >= 0) {
        List<VirtualKey> all = repository.all();
        snapshot = Snapshot.of(all);
        lastFullLoad = now;
        lastSeen = newest(all, lastSeen);
      } else {
        Instant since = lastSeen == null ? Instant.EPOCH : lastSeen.minus(OVERLAP);
        List<VirtualKey> changed = repository.changedAfter(since);
        if (!changed.isEmpty()) {
          Map<String, VirtualKey> byId = new HashMap<>(snapshot.byId());
          for (VirtualKey key : changed) {
            if (key.revokedAt() == null) {
              byId.put(key.id(), key);
            } else {
              byId.remove(key.id());
            }
          }
          snapshot = Snapshot.of(byId.values());
          lastSeen = newest(changed, lastSeen);
        }
      }
      if (failing) {
        log.info("virtual keys: the usage store answers again ({} keys)", snapshot.byId().size());
        failing = false;
      }
    } catch (StoreNotOpenException e) {
      log.debug("virtual keys: waiting for the usage store to open");
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn(
            "virtual keys: cannot read the usage store, keeping {} known keys: {}",
            snapshot.byId().size(),
            e.toString());
        failing = true;
      }
    }
  }

  private static Instant newest(List<VirtualKey> keys, Instant known) {
    Instant newest = known;
    for (VirtualKey key : keys) {
      if (newest == null || key.updatedAt().isAfter(newest)) {
        newest = key.updatedAt();
      }
    }
    return newest;
  }

  /**
   * What CEL's {@code apiKey.metadata} and {@code usage.Attribution} read: team, user, tags, name.
   */
  private static Map<String, Object> metadata(VirtualKey key) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", key.name());
    if (key.team() != null) {
      metadata.put("team", key.team());
    }
    if (key.user() != null) {
      metadata.put("user", key.user());
    }
    metadata.put("tags", key.tags());
    return metadata;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
