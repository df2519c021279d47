package io.agw.gateway.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code agw.requests} timers, one per (listener, route, backend, method, status), looked up in
 * a map keyed by those values instead of being built and registered on every request: building a
 * timer creates its tags and meter id and asks the registry to find it again, which cost several
 * microseconds per proxied request. The meters themselves are the registry's, so they are exactly
 * the ones {@code Timer.builder(...).register(registry)} returns. Thread-safe.
 */
final class RequestTimers implements RequestDurations {

  static final String NAME = "agw.requests";

  /**
   * Above this many distinct tag combinations new ones are looked up in the registry on every
   * request instead of being cached, so that a flood of odd request methods cannot grow the cache
   * without bound (the registry itself keeps them, as it always did).
   */
  private static final int MAX_CACHED = 10_000;

  private record Key(
      String listener,
      String route,
      String backend,
      String method,
      int status,
      List<String> custom) {}

  private final MeterRegistry registry;
  private final List<String> customNames;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  RequestTimers(MeterRegistry registry) {
    this(registry, List.of());
  }

  /**
   * @param customNames the names of the labels of {@code config.metrics.fields}, in order
   */
  RequestTimers(MeterRegistry registry, List<String> customNames) {
    this.registry = registry;
    this.customNames = List.copyOf(customNames);
  }

  /** The timer for one combination of tags, registered on first use. */
  Timer timer(String listener, String route, String backend, String method, int status) {
    return timer(listener, route, backend, method, status, List.of());
  }

  /**
   * The timer for one combination of tags, registered on first use.
   *
   * @param custom the values of the custom labels, in the order of their names
   */
  Timer timer(
      String listener,
      String route,
      String backend,
      String method,
      int status,
      List<String> custom) {
    Key key = new Key(listener, route, backend, method, status, custom);
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

  @Override
  public void record(
      String listener,
      String route,
      String backend,
      String method,
      int status,
      List<String> custom,
      long nanos) {
    timer(listener, route, backend, method, status, custom).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer register(Key key) {
    Timer.Builder builder =
        Timer.builder(NAME)
            .description("Requests served on traffic ports")
            .tag("listener", key.listener())
            .tag("route", key.route())
            .tag("backend", key.backend())
            .tag("method", key.method())
            .tag("status", Integer.toString(key.status()));
    // Every timer carries every custom label: one label set per metric name.
    for (int i = 0; i < customNames.size(); i++) {
      builder.tag(
          customNames.get(i), i < key.custom().size() ? key.custom().get(i) : MetricFields.UNKNOWN);
    }
    return builder.register(registry);
  }
}
