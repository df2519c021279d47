package io.agw.control.reconcile;

import io.agw.control.translate.ClusterView;
import io.agw.control.translate.Translation;
import io.agw.control.translate.Translator;
import io.agw.control.xds.SnapshotCache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves snapshots on a follower. Under leader election JOSDK starts every replica's informers but
 * runs the reconciler on the leader only; a gateway connected to a follower would get nothing. So,
 * while this replica does not lead, this translates the same informer caches every {@code period}
 * when they changed (a fingerprint of every object's uid and resourceVersion) and publishes every
 * Gateway's resources, dropping the snapshots of Gateways gone. It writes no status: that is the
 * leader's. The translation is the leader's pure function over the same objects, so every replica
 * serves the same resources, with the same content-hashed versions.
 *
 * <p>One scheduler thread; the snapshot cache is thread-safe.
 */
final class FollowerPublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FollowerPublisher.class);

  private final GatewayReconciler reconciler;
  private final Leadership leadership;
  private final SnapshotCache snapshots;
  private final Duration period;
  private final Translator translator = new Translator();
  private final Set<String> published = new HashSet<>();
  private ScheduledExecutorService scheduler;
  private long fingerprint;

  FollowerPublisher(
      GatewayReconciler reconciler,
      Leadership leadership,
      SnapshotCache snapshots,
      Duration period) {
    this.reconciler = reconciler;
    this.leadership = leadership;
    this.snapshots = snapshots;
    this.period = period;
  }

  /** One pass: translate and publish when following and the caches changed. */
  void refresh() {
    if (leadership.isLeader()) {
      published.clear();
      fingerprint = 0;
      return;
    }
    ClusterView view = reconciler.currentView();
    if (view == null) {
      return;
    }
    long now = fingerprint(view);
    if (now == fingerprint) {
      return;
    }
    Translation translation = translator.translate(view);
    Set<String> gone = new HashSet<>(published);
    translation
        .gateways()
        .forEach(
            (nodeId, result) -> {
              snapshots.publish(nodeId, result.resources());
              gone.remove(nodeId);
              published.add(nodeId);
            });
    gone.forEach(
        nodeId -> {
          snapshots.remove(nodeId);
          published.remove(nodeId);
        });
    fingerprint = now;
    log.debug("follower: published {} gateways", translation.gateways().size());
  }

  /** Changes whenever an object is added, changed (new resourceVersion) or removed. */
  static long fingerprint(ClusterView view) {
    long h = 17;
    List<List<? extends HasMetadata>> lists =
        List.of(
            view.gatewayClasses(),
            view.gateways(),
            view.httpRoutes(),
            view.referenceGrants(),
            view.services(),
            view.backends(),
            view.policies(),
            view.secrets(),
            view.configMaps());
    for (List<? extends HasMetadata> list : lists) {
      h = h * 31 + list.size();
      long sum = 0; // order-independent: caches list in no particular order
      for (HasMetadata o : list) {
        sum +=
            Stream.of(o.getMetadata().getUid(), o.getMetadata().getResourceVersion())
                .map(String::valueOf)
                .reduce("", String::concat)
                .hashCode();
      }
      h = h * 31 + sum;
    }
    return h;
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "agw-follower-publisher");
              t.setDaemon(true);
              return t;
            });
    long ms = period.toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            log.warn("follower: translation failed; retried at the next change", e);
          }
        },
        0,
        ms,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        // A pass under way finishes before the stop returns: nothing is published after it.
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  @Override
  public int getPhase() {
    // After the operator (whose start returns once the informer caches are synced).
    return Integer.MAX_VALUE - 5;
  }
}
