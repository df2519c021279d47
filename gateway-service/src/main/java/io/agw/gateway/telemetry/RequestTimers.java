package io.agw.gateway.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code agw.requests} timers, one per (listener, route, backend, method, status), looked up in
 * a map keyed by those values instead of being built and registered on every request: building a
 * timer creates its tags and meter id and asks the registry to find it again, which cost several
 * microseconds per proxied request. The meters themselves are the registry's, so they are exactly
 * the ones {@code Timer.builder(...).register(registry)} returns. Thread-safe.
 */
final class RequestTimers {

  static final String NAME = "agw.requests";

  /**
   * Above this many distinct tag combinations new ones are looked up in the registry on every
   * request instead of being cached, so that a flood of odd request methods cannot grow the cache
   * without bound (the registry itself keeps them, as it always did).
   */
  private static final int MAX_CACHED = 10_000;

  private record Key(String listener, String route, String backend, String method, int status) {}

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  RequestTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The timer for one combination of tags, registered on first use. */
  Timer timer(String listener, String route, String backend, String method, int status) {
    Key key = new Key(listener, route, backend, method, status);
    Timer timer = timers.get(key);
    if (timer != null) {
      return timer;
    }
    timer = register(key);
    if (timers.size() < MAX_CACHED) {
      timers.putIfAbsent(key, timer);
    }
    return timer;
  }

  private Timer register(Key key) {
    return Timer.builder(NAME)
        .description("Requests served on traffic ports")
        .tag("listener", key.listener())
        .tag("route", key.route())
        .tag("backend", key.backend())
        .tag("method", key.method())
        .tag("status", Integer.toString(key.status()))
        .register(registry);
  }
}
