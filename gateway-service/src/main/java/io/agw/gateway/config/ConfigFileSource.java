package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.config.SettleGate.Decision;
import io.agw.gateway.config.SettleGate.Wait;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.InvalidStateException;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.GatewaySettings;
import io.agw.model.config.LoadedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the gateway from its YAML file: loads it at startup (a file that cannot be loaded stops the
 * start with the reasons), then checks it every {@code agw.config.watch-interval} and applies each
 * changed version whole, or refuses it whole and keeps serving the last good state. Polling the
 * content (rather than file events) also sees atomic renames and Kubernetes ConfigMap symlink
 * swaps; a file that is missing for a moment (mid-rename) keeps the last state. A changed version
 * is acted on only once it has settled ({@link SettleGate}: {@code agw.config.settle-interval},
 * longer, {@code agw.config.empty-settle-interval}, for a version that would empty the
 * configuration), so a file read while it is being rewritten in place is never applied. Without a
 * file, the built-in default configuration is served.
 *
 * <p>After {@link #start()}, the file is read and applied only on its single watch thread.
 */
public final class ConfigFileSource implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConfigFileSource.class);

  /** The classpath location of the built-in default configuration. */
  public static final String BUILT_IN = "io/agw/gateway/config/default-config.yaml";

  /** Reads at startup before the file is taken as it is, however often it still changes. */
  private static final int STARTUP_READS = 20;

  private final GatewayProperties.Config config;
  private final ResourceStore store;
  private final IntSupplier adminPort;
  private final SettleGate gate;
  private ScheduledExecutorService watcher;
  private ScheduledFuture<?> recheck;
  private byte[] actedOn;
  private boolean warnedEmptying;
  private volatile boolean running;
  private volatile GatewaySettings settings = GatewaySettings.NONE;

  /** A version of the file, loaded, or the problems that stop it from loading. */
  private record Version(LoadedConfig loaded, List<String> problems) {}

  /**
   * @param adminPort the port the admin server listens on, read when the built-in configuration is
   *     applied (its admin-port upstreams follow it, see {@link BuiltInConfiguration}); 0 when
   *     unknown
   */
  public ConfigFileSource(
      GatewayProperties.Config config, ResourceStore store, IntSupplier adminPort) {
    this.config = config;
    this.store = store;
    this.adminPort = adminPort;
    this.gate = new SettleGate(config.settleInterval(), config.emptySettleInterval());
  }

  @Override
  public void start() {
    String file = config.file();
    if (file == null || file.isBlank()) {
      applyBuiltIn();
    } else {
      Path path = Path.of(file).toAbsolutePath();
      byte[] content = readSettled(path);
      if (content == null) {
        throw new InvalidConfigurationException(
            path.toString(), List.of("the file does not exist or cannot be read"));
      }
      actedOn = content;
      List<String> problems = apply(path, load(path, content));
      if (problems != null) {
        throw new InvalidConfigurationException(path.toString(), problems);
      }
      watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "agw-config-watch");
                t.setDaemon(true);
                return t;
              });
      long every = config.watchInterval().toMillis();
      watcher.scheduleWithFixedDelay(() -> poll(path), every, every, TimeUnit.MILLISECONDS);
    }
    running = true;
  }

  /**
   * The settings of the version applied last ({@link GatewaySettings#NONE} before {@link
   * #start()}). Startup-only settings ({@code config.database}) are read once, after the start.
   */
  public GatewaySettings settings() {
    return settings;
  }

  private void applyBuiltIn() {
    try {
      String yaml = BuiltInConfiguration.yaml(adminPort.getAsInt());
      LoadedConfig loaded = ConfigLoader.load(yaml, Path.of("").toAbsolutePath());
      store.replaceAll("built-in", loaded.resources());
      settings = loaded.settings();
    } catch (ConfigException | InvalidStateException e) {
      throw new IllegalStateException(
          "the built-in configuration is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * The file as it reads twice in a row a settle interval apart, so that a file still being written
   * when the gateway starts is not taken half-written.
   */
  private byte[] readSettled(Path path) {
    byte[] content = read(path);
    long settle = config.settleInterval().toMillis();
    for (int i = 1; i < STARTUP_READS && content != null && settle > 0; i++) {
      try {
        Thread.sleep(settle);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return content;
      }
      byte[] again = read(path);
      if (again == null || Arrays.equals(again, content)) {
        return content;
      }
      content = again;
    }
    return content;
  }

  private void poll(Path path) {
    try {
      byte[] content = read(path);
      if (content == null) {
        return;
      }
      if (Arrays.equals(content, actedOn)) {
        // Changed and changed back before it settled: nothing to do.
        gate.reset();
        warnedEmptying = false;
        return;
      }
      Version version = load(path, content);
      boolean emptying =
          version.loaded() != null && version.loaded().resources().isEmpty() && servesResources();
      Decision decision = gate.observe(content, emptying, System.nanoTime());
      if (decision instanceof Wait wait) {
        if (wait.emptying() && !warnedEmptying) {
          warnedEmptying = true;
          log.warn(
              "configuration file {} now configures nothing; applying it only if it stays so for"
                  + " {} (a file being rewritten in place reads empty for a moment)",
              path,
              config.emptySettleInterval());
        }
        recheckAfter(path, wait.delay());
        return;
      }
      actedOn = content;
      warnedEmptying = false;
      log.info("configuration file {} changed; applying", path);
      apply(path, version);
    } catch (RuntimeException e) {
      log.error("watching {} failed", path, e);
    }
  }

  /** Reads the file again once the version waited on may have settled, not at the next poll. */
  private void recheckAfter(Path path, Duration delay) {
    if (recheck != null) {
      recheck.cancel(false);
    }
    recheck = watcher.schedule(() -> poll(path), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private boolean servesResources() {
    GatewayState current = store.current();
    return current != null && !current.resources().isEmpty();
  }

  private static Version load(Path path, byte[] content) {
    try {
      return new Version(
          ConfigLoader.load(new String(content, StandardCharsets.UTF_8), path.getParent()), null);
    } catch (ConfigException e) {
      return new Version(null, e.errors().stream().map(ConfigFileSource::describe).toList());
    }
  }

  /** Applies one version of the file; returns the problems, or null when it was applied. */
  private List<String> apply(Path path, Version version) {
    String source = path.toString();
    if (version.problems() != null) {
      store.refuse(source, version.problems());
      return version.problems();
    }
    try {
      store.replaceAll(source, version.loaded().resources());
      settings = version.loaded().settings();
      return null;
    } catch (InvalidStateException e) {
      return e.problems();
    }
  }

  private static String describe(ConfigError error) {
    return error.path().isEmpty() ? error.message() : error.path() + ": " + error.message();
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.warn("cannot read {}: {}", path, e.getMessage());
      return null;
    }
  }

  @Override
  public void stop() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server reports ready, after the bind servers are registered. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }
}
