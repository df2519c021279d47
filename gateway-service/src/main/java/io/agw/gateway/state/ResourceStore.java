package io.agw.gateway.state;

import io.agw.model.config.ConfigError;
import io.agw.model.resource.v1.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way configuration enters the gateway: the YAML loader replaces the whole resource set,
 * the xDS client applies deltas, and both go through {@link #apply}. Each change builds a complete
 * new {@link GatewayState}; if anything is wrong the change is refused whole and the last good
 * state keeps serving. Applies are serialized; reads of {@link #current()} are lock-free.
 */
public final class ResourceStore {

  private static final Logger log = LoggerFactory.getLogger(ResourceStore.class);

  /**
   * The outcome of a refused change.
   *
   * @param problems each problem as one line ({@code path: message} when it has a path)
   * @param errors the same problems with their paths apart ({@code ""} when a problem has none)
   */
  public record Refusal(
      String source, Instant at, List<String> problems, List<ConfigError> errors) {

    public Refusal {
      problems = List.copyOf(problems);
      errors = List.copyOf(errors);
    }
  }

  private final GatewayStateFactory factory;
  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<GatewayState> current = new AtomicReference<>();
  private volatile Refusal lastRefusal;
  private volatile Refusal latestRefusal;

  public ResourceStore(GatewayStateFactory factory) {
    this.factory = factory;
  }

  public void addListener(StateListener listener) {
    listeners.add(listener);
  }

  /** The state serving traffic, or null before the first valid configuration. */
  public GatewayState current() {
    return current.get();
  }

  /** The last refused change, or null when a change was applied since. */
  public Refusal lastRefusal() {
    return lastRefusal;
  }

  /** The last refused change, kept after later changes are applied; null if none ever was. */
  public Refusal latestRefusal() {
    return latestRefusal;
  }

  /** Replaces every resource with {@code resources}. */
  public synchronized GatewayState replaceAll(String source, Collection<Resource> resources)
      throws InvalidStateException {
    Map<String, Resource> next = new LinkedHashMap<>();
    for (Resource r : resources) {
      next.put(r.getKey(), r);
    }
    return apply(source, next);
  }

  /**
   * The problems that would refuse {@code resources} as a whole new configuration, without applying
   * anything: the same checks as {@link #replaceAll} (references, policies, CEL, certificate and
   * secret files), but not the listeners' (a port that cannot be bound shows only when applied).
   */
  public List<String> check(String source, Collection<Resource> resources) {
    Map<String, Resource> next = new LinkedHashMap<>();
    for (Resource r : resources) {
      next.put(r.getKey(), r);
    }
    GatewayState now = current.get();
    try {
      factory.build(now == null ? 1 : now.version() + 1, source, next);
      return List.of();
    } catch (InvalidStateException e) {
      return e.problems();
    }
  }

  /** Adds or replaces {@code upserts} and removes {@code removals} (by key), atomically. */
  public synchronized GatewayState applyDelta(
      String source, Collection<Resource> upserts, Collection<String> removals)
      throws InvalidStateException {
    GatewayState now = current.get();
    Map<String, Resource> next = new LinkedHashMap<>(now == null ? Map.of() : now.resources());
    removals.forEach(next::remove);
    upserts.forEach(r -> next.put(r.getKey(), r));
    return apply(source, next);
  }

  private GatewayState apply(String source, Map<String, Resource> resources)
      throws InvalidStateException {
    GatewayState previous = current.get();
    long version = previous == null ? 1 : previous.version() + 1;
    GatewayState next;
    try {
      next = factory.build(version, source, resources);
    } catch (InvalidStateException e) {
      refuse(source, e.problems());
      throw e;
    }
    List<StateListener> prepared = new ArrayList<>();
    for (StateListener listener : listeners) {
      try {
        listener.prepare(previous, next);
        prepared.add(listener);
      } catch (Exception e) {
        prepared.forEach(l -> l.rollback(previous, next));
        List<String> problems = List.of(String.valueOf(e.getMessage()));
        refuse(source, problems);
        throw new InvalidStateException(problems);
      }
    }
    current.set(next);
    lastRefusal = null;
    log.info(
        "applied configuration version {} from {}: {} resources, {} routes, ports {}",
        next.version(),
        source,
        next.resources().size(),
        next.routes().size(),
        next.binds().keySet());
    for (StateListener listener : listeners) {
      try {
        listener.committed(previous, next);
      } catch (RuntimeException e) {
        log.error("listener failed after applying version {}", next.version(), e);
      }
    }
    return next;
  }

  /**
   * Records a change refused before it reached the store (for example a file that does not parse).
   */
  public void refuse(String source, List<String> problems) {
    refuseErrors(source, problems.stream().map(p -> new ConfigError("", p)).toList());
  }

  /** Records a change refused before it reached the store, with each error's path. */
  public void refuseErrors(String source, List<ConfigError> errors) {
    List<String> problems = errors.stream().map(ConfigError::toString).toList();
    lastRefusal = new Refusal(source, Instant.now(), problems, errors);
    latestRefusal = lastRefusal;
    log.error(
        "refused configuration from {}; still serving the last good state: {}",
        source,
        String.join("; ", problems));
  }
}
