package io.agw.control.xds;

import io.agw.model.resource.v1.Resource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest snapshot per gateway (node id {@code <namespace>/<name>}), and the streams watching
 * each. Publishing the same content again is a no-op, so reconcilers may publish freely.
 *
 * <p>Thread-safe. Watchers are called on the publishing thread, after the snapshot is stored and
 * without any lock of this cache held; a watcher may see snapshots out of order when a publish
 * races its registration and must ignore a version lower than one it has seen.
 */
public final class SnapshotCache {

  private static final Logger log = LoggerFactory.getLogger(SnapshotCache.class);

  private final AtomicLong versions = new AtomicLong();
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, Set<Consumer<Snapshot>>> watchers = new ConcurrentHashMap<>();

  /**
   * Makes {@code resources} the gateway's complete set and notifies its streams.
   *
   * @return the stored snapshot (the previous one when the content did not change)
   * @throws IllegalArgumentException when two resources share a key or one has none
   */
  public Snapshot publish(String nodeId, Collection<Resource> resources) {
    Snapshot candidate = Snapshot.of(0, resources);
    Snapshot[] stored = new Snapshot[1];
    boolean[] changed = new boolean[1];
    snapshots.compute(
        nodeId,
        (id, previous) -> {
          if (candidate.sameContent(previous)) {
            stored[0] = previous;
            return previous;
          }
          changed[0] = true;
          stored[0] = new Snapshot(versions.incrementAndGet(), candidate.resources());
          return stored[0];
        });
    if (changed[0]) {
      log.debug(
          "gateway {}: snapshot {} with {} resources",
          nodeId,
          stored[0].version(),
          stored[0].resources().size());
      notify(nodeId, stored[0]);
    }
    return stored[0];
  }

  /** Forgets a gateway's snapshot (its Gateway was deleted); connected streams keep theirs. */
  public void remove(String nodeId) {
    snapshots.remove(nodeId);
  }

  public Optional<Snapshot> snapshot(String nodeId) {
    return Optional.ofNullable(snapshots.get(nodeId));
  }

  /**
   * Calls {@code watcher} with the current snapshot, if any, and with every later one.
   *
   * @return closes the watch
   */
  public AutoCloseable watch(String nodeId, Consumer<Snapshot> watcher) {
    Set<Consumer<Snapshot>> set =
        watchers.computeIfAbsent(nodeId, id -> new CopyOnWriteArraySet<>());
    set.add(watcher);
    Snapshot current = snapshots.get(nodeId);
    if (current != null) {
      watcher.accept(current);
    }
    return () -> set.remove(watcher);
  }

  private void notify(String nodeId, Snapshot snapshot) {
    for (Consumer<Snapshot> watcher : watchers.getOrDefault(nodeId, Set.of())) {
      try {
        watcher.accept(snapshot);
      } catch (RuntimeException e) {
        log.error("gateway {}: a stream failed to take snapshot {}", nodeId, snapshot.version(), e);
      }
    }
  }
}
