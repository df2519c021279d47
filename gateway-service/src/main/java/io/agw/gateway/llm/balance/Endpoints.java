package io.agw.gateway.llm.balance;

import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The endpoints of every configured provider, by a key that names the provider and its address, so
 * that a new config state keeps the latency and health learned under the previous one while the
 * provider stays the same. An endpoint no state refers to any more is dropped by the garbage
 * collector (the registry holds it weakly). Thread-safe.
 */
public final class Endpoints {

  private final LongSupplier clock;
  private final ConcurrentHashMap<String, WeakReference<Endpoint>> byKey =
      new ConcurrentHashMap<>();

  public Endpoints(LongSupplier clock) {
    this.clock = clock;
  }

  /** The endpoint for {@code key}, created when none is alive. */
  public Endpoint get(String key, String name) {
    Endpoint created = new Endpoint(name, clock);
    while (true) {
      WeakReference<Endpoint> ref =
          byKey.compute(
              key,
              (k, old) -> old != null && old.get() != null ? old : new WeakReference<>(created));
      Endpoint endpoint = ref.get();
      if (endpoint != null) {
        return endpoint;
      }
    }
  }

  /** The live endpoint for {@code key}, if any (for diagnostics and tests). */
  public Optional<Endpoint> find(String key) {
    WeakReference<Endpoint> ref = byKey.get(key);
    return Optional.ofNullable(ref == null ? null : ref.get());
  }

  /** Every live endpoint whose key starts with {@code prefix}, by key (for diagnostics). */
  public java.util.Map<String, Endpoint> withPrefix(String prefix) {
    java.util.Map<String, Endpoint> out = new java.util.TreeMap<>();
    byKey.forEach(
        (key, ref) -> {
          Endpoint endpoint = ref.get();
          if (endpoint != null && key.startsWith(prefix)) {
            out.put(key, endpoint);
          }
        });
    return out;
  }

  /** Forgets the keys whose endpoints are gone; called when a state is built. */
  public void prune() {
    byKey.values().removeIf(ref -> ref.get() == null);
  }
}
