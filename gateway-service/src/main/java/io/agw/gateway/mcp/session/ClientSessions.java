package io.agw.gateway.mcp.session;

import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.StateListener;
import io.agw.model.resource.v1.McpTarget;
import io.agw.model.resource.v1.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The stateful client sessions this replica serves, by backend and session nonce. A session is
 * opened by {@code initialize}, or rebuilt from its id when a request names one this replica does
 * not hold (another replica issued it, or this one restarted). A session unused for the idle
 * timeout is closed, and so is one whose backend's targets a reload changed or removed (the next
 * request rebuilds it from its id on the new targets). {@code DELETE} closes a session and ends its
 * upstream sessions; its id is then refused here until the idle timeout has passed. Thread-safe.
 */
public final class ClientSessions implements StateListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientSessions.class);

  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Long> deleted = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Disposable sweeper;

  public ClientSessions(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    Duration period =
        Duration.ofMillis(Math.max(1000, Math.min(60_000, idleTimeout.toMillis() / 2)));
    this.sweeper = Flux.interval(period, period).subscribe(t -> sweep());
  }

  private static String key(McpService service, Session session) {
    return service.backendKey() + "/" + session.nonce();
  }

  /** Opens a new session for an {@code initialize} (its connections open on {@code connect}). */
  public ClientSession open(McpService service, Session session) {
    ClientSession opened = new ClientSession(service, session);
    sessions.put(key(service, session), opened);
    return opened;
  }

  /**
   * The session {@code session} names, rebuilt from it when this replica does not hold it (or holds
   * it on targets that have changed since); empty when it was deleted here.
   */
  public Optional<ClientSession> find(McpService service, Session session) {
    String key = key(service, session);
    if (deleted.containsKey(key)) {
      return Optional.empty();
    }
    Map<String, McpTarget> configs = configs(service);
    ClientSession found =
        sessions.compute(
            key,
            (k, old) -> {
              if (old != null && old.configs().equals(configs)) {
                return old;
              }
              if (old != null) {
                old.close(true);
              }
              return new ClientSession(service, session);
            });
    return Optional.of(found);
  }

  /** Drops a session whose {@code initialize} failed: the client never got its id. */
  public void discard(McpService service, Session session) {
    ClientSession removed = sessions.remove(key(service, session));
    if (removed != null) {
      removed.close(true);
    }
  }

  /** Ends a session (DELETE): its connections close and its upstream sessions end. */
  public void delete(McpService service, Session session) {
    String key = key(service, session);
    deleted.put(key, System.nanoTime() + idleTimeout.toNanos());
    ClientSession removed = sessions.remove(key);
    if (removed != null) {
      removed.close(true);
    }
  }

  /** How many sessions this replica holds (for tests and diagnostics). */
  public int size() {
    return sessions.size();
  }

  void sweep() {
    long now = System.nanoTime();
    long cutoff = now - idleTimeout.toNanos();
    // Removed before closing, so that a closed session is never found.
    sessions.forEach(
        (key, session) -> {
          if (session.idleSince(cutoff) && sessions.remove(key, session)) {
            log.debug("MCP session {} closed after being idle", key);
            session.close(true);
          }
        });
    deleted.values().removeIf(expiry -> expiry - now < 0);
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    retain(next.resources().values());
  }

  /** Closes the sessions whose backend is gone from {@code resources} or has other targets now. */
  public void retain(Collection<Resource> resources) {
    Map<String, Map<String, McpTarget>> backends = new HashMap<>();
    for (Resource r : resources) {
      if (r.hasBackend() && r.getBackend().hasMcp()) {
        Map<String, McpTarget> targets = new LinkedHashMap<>();
        r.getBackend().getMcp().getTargetsList().forEach(t -> targets.put(t.getName(), t));
        backends.put(r.getBackend().getKey(), targets);
      }
    }
    sessions.forEach(
        (key, session) -> {
          String backend = key.substring(0, key.lastIndexOf('/'));
          if (!session.configs().equals(backends.get(backend)) && sessions.remove(key, session)) {
            session.close(true);
          }
        });
  }

  private static Map<String, McpTarget> configs(McpService service) {
    Map<String, McpTarget> configs = new LinkedHashMap<>();
    service.specs().forEach((name, spec) -> configs.put(name, spec.config()));
    return configs;
  }

  /** The gateway stops: connections close, upstream sessions stay for the other replicas. */
  @Override
  public void close() {
    sweeper.dispose();
    sessions.values().forEach(s -> s.close(false));
    sessions.clear();
  }
}
