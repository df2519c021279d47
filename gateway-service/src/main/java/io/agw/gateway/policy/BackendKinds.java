package io.agw.gateway.policy;

import io.agw.gateway.backend.Backend;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The registry of {@link BackendKind}s. Immutable and thread-safe. */
public final class BackendKinds {

  private final Map<io.agw.model.resource.v1.Backend.KindCase, BackendKind> kinds =
      new EnumMap<>(io.agw.model.resource.v1.Backend.KindCase.class);

  /**
   * @throws IllegalStateException when two registrations claim the same kind
   */
  public BackendKinds(Collection<? extends BackendKind> registered) {
    for (BackendKind kind : registered) {
      if (kinds.put(kind.kind(), kind) != null) {
        throw new IllegalStateException("two registrations for the backend kind " + kind.kind());
      }
    }
  }

  /**
   * Builds the runtime backend with the kind registered for its resource.
   *
   * @throws IllegalArgumentException when the resource has no kind, no registration serves it, or
   *     the kind refuses it
   */
  public Backend build(BackendCompilation backend) {
    var kindCase = backend.resource().getKindCase();
    if (kindCase == io.agw.model.resource.v1.Backend.KindCase.KIND_NOT_SET) {
      throw new IllegalArgumentException("backend " + backend.key() + " has no kind");
    }
    BackendKind kind = kinds.get(kindCase);
    if (kind == null) {
      throw new IllegalArgumentException(
          "backend "
              + backend.key()
              + ": "
              + kindCase.name().toLowerCase(Locale.ROOT)
              + " backends are not available");
    }
    return kind.build(backend);
  }

  /** Lets the kind of each of the route's backends complete it, once per kind. */
  public void completeRoute(RouteCompilation route) {
    for (BackendKind kind : kinds.values()) {
      if (route.hasBackend(kind.kind())) {
        kind.completeRoute(route);
      }
    }
  }
}
