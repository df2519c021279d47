package io.agw.gateway.usage.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage store's database as it becomes available: opened and migrated on a background thread so
 * that a database that is down never stops the gateway from starting and serving. Until it is open,
 * {@link #database()} is empty; opening is retried with a backoff (1 s doubling to 30 s). Once
 * open, writers report each outcome ({@link #succeeded()}, {@link #failed}) so that health and the
 * log follow the database going down and coming back; the log has one line per change of state,
 * with the URL's password redacted.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} on shutdown. Thread-safe.
 */
public final class UsageStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UsageStore.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);
  private static final Duration FIRST_TRY_WAIT = Duration.ofSeconds(5);

  /** The store's state, for health and logs. */
  public enum State {
    /** Not open yet: connecting or migrating. */
    STARTING,
    /** Open, and the last use succeeded. */
    UP,
    /** Cannot be opened, or the last use failed. */
    DOWN
  }

  private final Supplier<DatabaseSettings> settings;
  private final List<Consumer<UsageDatabase>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService opener;
  private volatile DatabaseSettings opening;
  private volatile UsageDatabase database;
  private volatile State state = State.STARTING;
  private volatile String problem;
  private volatile boolean closed;

  /**
   * @param settings where the store is, asked once when {@link #start()} runs (the configuration
   *     file has been read by then)
   */
  public UsageStore(Supplier<DatabaseSettings> settings) {
    this.settings = settings;
    this.opener =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "agw-usage-store");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts opening the database in the background and waits for the first try for at most {@code
   * FIRST_TRY_WAIT}, so that a database that is there (always, for SQLite) is open when the gateway
   * starts serving, and one that is not delays the start by no more than that.
   */
  public void start() {
    opening = settings.get();
    java.util.concurrent.Future<?> first = opener.submit(() -> open(FIRST_RETRY));
    try {
      first.get(FIRST_TRY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      // Still trying, or failed: the store keeps retrying in the background.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void open(Duration backoff) {
    if (closed) {
      return;
    }
    try {
      UsageDatabase opened = UsageDatabase.open(opening);
      if (closed) {
        opened.close();
        return;
      }
      database = opened;
      log.info("usage store open at {} ({})", opening.redacted(), opening.dialect());
      succeeded();
      listeners.forEach(listener -> notify(listener, opened));
    } catch (RuntimeException e) {
      failed(e);
      Duration doubled = backoff.multipliedBy(2);
      Duration next = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
      opener.schedule(() -> open(next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static void notify(Consumer<UsageDatabase> listener, UsageDatabase opened) {
    try {
      listener.accept(opened);
    } catch (RuntimeException e) {
      log.warn("a usage store listener failed: {}", e.toString());
    }
  }

  /** The open database, or empty while it is not open yet. */
  public Optional<UsageDatabase> database() {
    return Optional.ofNullable(database);
  }

  /**
   * Runs {@code listener} with the database once it is open (at once, on this thread, when it
   * already is; else on the store's thread).
   */
  public void whenAvailable(Consumer<UsageDatabase> listener) {
    listeners.add(listener);
    UsageDatabase open = database;
    if (open != null && listeners.remove(listener)) {
      notify(listener, open);
    }
  }

  public State state() {
    return state;
  }

  /** What went wrong last, with the URL redacted; null when up. */
  public String problem() {
    return problem;
  }

  /** Where the store is, with the password redacted; null before {@link #start()}. */
  public String location() {
    DatabaseSettings where = opening;
    return where == null ? null : where.redacted();
  }

  /** A use of the open database succeeded. */
  public void succeeded() {
    if (state != State.UP) {
      if (state == State.DOWN) {
        log.info("usage store at {} is available again", location());
      }
      state = State.UP;
      problem = null;
    }
  }

  /** Opening or using the database failed. */
  public void failed(Exception e) {
    String message = redact(String.valueOf(e.getMessage()));
    problem = message;
    if (state != State.DOWN) {
      state = State.DOWN;
      log.warn(
          "usage store at {} is not available ({}); usage records are dropped until it is back",
          location(),
          message);
    }
  }

  private String redact(String message) {
    DatabaseSettings where = opening;
    String password = where == null ? null : where.password();
    return password == null || password.isEmpty() ? message : message.replace(password, "****");
  }

  @Override
  public void close() {
    closed = true;
    opener.shutdownNow();
    UsageDatabase open = database;
    if (open != null) {
      open.close();
    }
  }

  @Override
  public String toString() {
    return "UsageStore[" + location() + ", " + state + "]";
  }
}
