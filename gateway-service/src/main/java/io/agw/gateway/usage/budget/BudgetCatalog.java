package io.agw.gateway.usage.budget;

import io.agw.gateway.usage.Attribution;
import io.agw.gateway.usage.store.StoreNotOpenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The budgets in memory, read from the database by {@link #refresh} (polled; a change made through
 * any replica's admin API is seen by every replica within one poll) and found per call by scope and
 * subject without a database round trip. Before the first successful read it holds no budgets and
 * reports itself not {@link #loaded()}. Thread-safe: lookups read an immutable snapshot.
 */
public final class BudgetCatalog {

  private static final Logger log = LoggerFactory.getLogger(BudgetCatalog.class);

  private record Snapshot(List<Budget> all, Map<BudgetScope, Map<String, List<Budget>>> index) {}

  private final BudgetStore store;
  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());
  private volatile boolean loaded;
  private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();
  private volatile boolean failing;

  public BudgetCatalog(BudgetStore store) {
    this.store = store;
  }

  /** Reads the budgets again; keeps the last ones when the database cannot be read. Blocking. */
  public void refresh() {
    List<Budget> all;
    try {
      all = store.all();
    } catch (StoreNotOpenException e) {
      log.debug("budgets: waiting for the usage store to open");
      return;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("cannot read the budgets (keeping the last ones): {}", e.toString());
        failing = true;
      }
      return;
    }
    if (failing) {
      log.info("budgets are read from the database again");
      failing = false;
    }
    replace(all);
  }

  /** Puts {@code all} in place at once (also after an admin change on this replica). */
  public void replace(List<Budget> all) {
    Map<BudgetScope, Map<String, List<Budget>>> index = new EnumMap<>(BudgetScope.class);
    for (Budget b : all) {
      index
          .computeIfAbsent(b.scope(), s -> new HashMap<>())
          .computeIfAbsent(b.subject(), s -> new ArrayList<>())
          .add(b);
    }
    snapshot = new Snapshot(List.copyOf(all), index);
    loaded = true;
    firstLoad.complete(null);
  }

  /**
   * True once the budgets have been read, waiting up to {@code max} for the first read; false when
   * they are still unread after it. Never blocks a thread.
   */
  public Mono<Boolean> whenLoaded(Duration max) {
    if (loaded || max.isZero() || max.isNegative()) {
      return Mono.fromSupplier(() -> loaded);
    }
    // A copy per caller: cancelling one waiting call must not cancel the shared future.
    return Mono.fromFuture(firstLoad.copy()).thenReturn(true).timeout(max, Mono.just(false));
  }

  /** Whether the budgets have been read at least once. */
  public boolean loaded() {
    return loaded;
  }

  public List<Budget> all() {
    return snapshot.all();
  }

  /** The budgets that a call of {@code who} on route {@code route} counts against. */
  public List<Budget> applying(Attribution who, String route) {
    Snapshot s = snapshot;
    if (s.index().isEmpty()) {
      return List.of();
    }
    List<Budget> found = new ArrayList<>(2);
    add(s, BudgetScope.KEY, who.key(), found);
    add(s, BudgetScope.TEAM, who.team(), found);
    add(s, BudgetScope.USER, who.user(), found);
    add(s, BudgetScope.ROUTE, route, found);
    return found;
  }

  private static void add(Snapshot s, BudgetScope scope, String subject, List<Budget> out) {
    if (subject == null) {
      return;
    }
    Map<String, List<Budget>> bySubject = s.index().get(scope);
    if (bySubject != null) {
      out.addAll(bySubject.getOrDefault(subject, List.of()));
    }
  }
}
