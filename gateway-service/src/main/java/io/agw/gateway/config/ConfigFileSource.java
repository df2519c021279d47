package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.config.SettleGate.Decision;
import io.agw.gateway.config.SettleGate.Wait;
import io.agw.gateway.process.StartupSettingChanges;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.InvalidStateException;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.cel.CelCustomFunctions;
import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.GatewaySettings;
import io.agw.model.config.GatewaySettings.StorageMode;
import io.agw.model.config.LoadedConfig;
import io.agw.model.config.read.VariableExpansion.Expanded;
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
import java.util.function.Supplier;
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
  private final Supplier<ConfigOverlayStore> overlays;
  private final IntSupplier adminPort;
  private final SettleGate gate;
  private final CelEnvironment cel;
  private final ConfigEnvironment environment;
  private ScheduledExecutorService watcher;
  private ScheduledFuture<?> recheck;
  private volatile Path path;
  private volatile byte[] actedOn;
  // The file named by config.localXdsPath as acted on last (empty when none); on the watch thread.
  private byte[] actedOnResources = new byte[0];
  // The overlay revision last acted on (hybrid storage), -1 for none; on the watch thread.
  private long overlayRevision = -1;
  private volatile ConfigOverlayStore.Overlay overlay;
  private boolean warnedEmptying;
  private volatile boolean running;
  private volatile GatewaySettings settings = GatewaySettings.NONE;

  /**
   * A version of the file, loaded, or the errors that stop it from loading; {@code document} hides
   * the values of variables from later messages.
   */
  private record Version(LoadedConfig loaded, List<ConfigError> errors, Expanded document) {}

  public ConfigFileSource(GatewayProperties.Config config, ResourceStore store) {
    this(config, store, () -> 0, () -> null);
  }

  /**
   * @param adminPort the port the admin server listens on, read when the built-in configuration is
   *     applied (its admin-port upstreams follow it, see {@link BuiltInConfiguration}); 0 when
   *     unknown
   * @param overlays the overlay store of {@code config.storage.mode: hybrid}, asked each time it is
   *     needed (null when there is none)
   */
  public ConfigFileSource(
      GatewayProperties.Config config,
      ResourceStore store,
      IntSupplier adminPort,
      Supplier<ConfigOverlayStore> overlays) {
    this(config, store, adminPort, overlays, null);
  }

  /**
   * @param cel the CEL environment, given each version's {@code config.customFunctions} before the
   *     version's expressions are compiled; null when the file's custom functions are not applied
   */
  public ConfigFileSource(
      GatewayProperties.Config config,
      ResourceStore store,
      IntSupplier adminPort,
      Supplier<ConfigOverlayStore> overlays,
      CelEnvironment cel) {
    this(config, store, adminPort, overlays, cel, ConfigEnvironment.system());
  }

  /**
   * @param environment the variables the file's {@code $NAME} references expand to and the working
   *     directory its relative paths are tried against first
   */
  public ConfigFileSource(
      GatewayProperties.Config config,
      ResourceStore store,
      IntSupplier adminPort,
      Supplier<ConfigOverlayStore> overlays,
      CelEnvironment cel,
      ConfigEnvironment environment) {
    this.environment = environment;
    this.cel = cel;
    this.config = config;
    this.store = store;
    this.adminPort = adminPort;
    this.overlays = overlays;
    this.gate = new SettleGate(config.settleInterval(), config.emptySettleInterval());
  }

  @Override
  public void start() {
    String file = config.file();
    if (file == null || file.isBlank()) {
      applyBuiltIn();
    } else {
      Path path = Path.of(file).toAbsolutePath();
      this.path = path;
      byte[] content = readSettled(path);
      if (content == null) {
        throw new InvalidConfigurationException(
            path.toString(), List.of("the file does not exist or cannot be read"));
      }
      actedOn = content;
      actedOnResources = resourcesSnapshot(path, content);
      List<ConfigError> errors = apply(path, load(path, content, null));
      if (errors != null) {
        throw new InvalidConfigurationException(
            path.toString(), errors.stream().map(ConfigError::toString).toList());
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
      long overlayEvery = config.overlayPollInterval().toMillis();
      watcher.scheduleWithFixedDelay(
          () -> pollOverlay(path), overlayEvery, overlayEvery, TimeUnit.MILLISECONDS);
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

  /** The variables and working directory the file is read in. */
  public ConfigEnvironment environment() {
    return environment;
  }

  /** The file being served, or null when the built-in configuration is. */
  public Path path() {
    return path;
  }

  /** The text of the file version acted on last (the built-in text when there is no file). */
  public String fileText() {
    byte[] content = actedOn;
    return content == null ? "" : new String(content, StandardCharsets.UTF_8);
  }

  /** The overlay merged over the file ({@code config.storage.mode: hybrid}), or null when none. */
  public ConfigOverlayStore.Overlay overlay() {
    ConfigOverlayStore.Overlay applied = overlay;
    return applied == null || applied.yaml() == null ? null : applied;
  }

  private void applyBuiltIn() {
    try {
      String yaml = BuiltInConfiguration.yaml(adminPort.getAsInt());
      actedOn = yaml.getBytes(StandardCharsets.UTF_8);
      LoadedConfig loaded = ConfigLoader.load(yaml, Path.of("").toAbsolutePath());
      useCustomFunctions(loaded.settings());
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
      byte[] resources = content == null ? null : resourcesSnapshot(path, content);
      if (content == null || resources == null) {
        return;
      }
      if (Arrays.equals(content, actedOn) && Arrays.equals(resources, actedOnResources)) {
        // Changed and changed back before it settled: nothing to do.
        gate.reset();
        warnedEmptying = false;
        return;
      }
      Version version = load(path, content, overlay);
      boolean emptying =
          version.loaded() != null && version.loaded().resources().isEmpty() && servesResources();
      Decision decision = gate.observe(both(content, resources), emptying, System.nanoTime());
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
      actedOnResources = resources;
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

  /**
   * Reads the overlay's newest revision (hybrid storage only) and applies the file merged with it
   * when it changed, so that an overlay written through any replica runs on every one. A database
   * that cannot be read keeps what runs.
   */
  private void pollOverlay(Path path) {
    ConfigOverlayStore store = settings.storage() == StorageMode.HYBRID ? overlays.get() : null;
    if (store == null) {
      return;
    }
    try {
      ConfigOverlayStore.Overlay latest = store.latest().orElse(null);
      long revision = latest == null ? -1 : latest.revision();
      if (revision == overlayRevision) {
        return;
      }
      overlayRevision = revision;
      ConfigOverlayStore.Overlay previous = overlay;
      overlay = latest;
      log.info("configuration overlay revision {} found; applying it over {}", revision, path);
      if (apply(path, load(path, actedOn, latest)) != null) {
        overlay = previous;
      }
    } catch (RuntimeException e) {
      log.debug("cannot read the configuration overlay: {}", e.toString());
    }
  }

  /** Runs {@code task} on the watch thread, where the file and the overlay are acted on. */
  <T> T onWatchThread(java.util.concurrent.Callable<T> task) throws Exception {
    if (watcher == null) {
      throw new IllegalStateException("no configuration file is watched");
    }
    try {
      return watcher.submit(task).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * On the watch thread: writes {@code content} to the file atomically (a temporary file in the
   * same folder, its permissions copied, moved over it) and applies it at once. When it cannot be
   * applied the file is put back as it was; returns the errors, or null when applied.
   */
  List<ConfigError> writeAndApply(byte[] content) throws IOException {
    Path file = path;
    byte[] before = actedOn;
    ConfigFileWriter.write(file, content);
    actedOn = content;
    gate.reset();
    List<ConfigError> errors = apply(file, load(file, content, overlay));
    if (errors != null) {
      ConfigFileWriter.write(file, before);
      actedOn = before;
    }
    return errors;
  }

  /**
   * On the watch thread: applies the file merged with {@code next} (hybrid storage); returns the
   * errors, or null when applied.
   */
  List<ConfigError> applyOverlay(ConfigOverlayStore.Overlay next) {
    List<ConfigError> errors = apply(path, load(path, actedOn, next));
    if (errors == null) {
      overlay = next;
      overlayRevision = next.revision();
    }
    return errors;
  }

  /** The document that runs for a file's {@code content} and an overlay: the two merged. */
  static String effective(byte[] content, ConfigOverlayStore.Overlay overlay)
      throws ConfigException {
    String file = new String(content, StandardCharsets.UTF_8);
    if (overlay == null || overlay.yaml() == null) {
      return file;
    }
    return ConfigDocuments.merged(file, overlay.yaml());
  }

  /**
   * The file named by {@code config.localXdsPath} or {@code LOCAL_XDS_PATH} as it reads now (empty
   * when none is named), or null when it cannot be read (for a moment, mid-rename).
   */
  private byte[] resourcesSnapshot(Path path, byte[] content) {
    return LocalXdsFile.snapshot(path, new String(content, StandardCharsets.UTF_8), environment);
  }

  private static byte[] both(byte[] content, byte[] resources) {
    if (resources.length == 0) {
      return content;
    }
    byte[] both = Arrays.copyOf(content, content.length + 1 + resources.length);
    System.arraycopy(resources, 0, both, content.length + 1, resources.length);
    return both;
  }

  private Version load(Path path, byte[] content, ConfigOverlayStore.Overlay overlay) {
    try {
      Expanded document =
          ConfigFileDocument.of(
              path,
              new String(content, StandardCharsets.UTF_8),
              overlay == null ? null : overlay.yaml(),
              environment);
      return new Version(ConfigFileDocument.load(path, document, environment), null, document);
    } catch (ConfigException e) {
      return new Version(null, e.errors(), null);
    }
  }

  /** Applies one version of the file; returns the errors, or null when it was applied. */
  private List<ConfigError> apply(Path path, Version version) {
    String source = path.toString();
    if (version.errors() != null) {
      store.refuseErrors(source, version.errors());
      return version.errors();
    }
    CelCustomFunctions functionsBefore = useCustomFunctions(version.loaded().settings());
    try {
      store.replaceAll(source, version.loaded().resources());
      if (running) {
        StartupSettingChanges.warn(settings.process(), version.loaded().settings().process());
      }
      settings = version.loaded().settings();
      return null;
    } catch (InvalidStateException e) {
      useCustomFunctions(functionsBefore);
      return version
          .document()
          .hide(e.problems().stream().map(p -> new ConfigError("", p)).toList());
    }
  }

  /**
   * Compiles the expressions of the version about to be applied with its own custom functions
   * (reloadable: a version that changes them recompiles every expression); returns the functions
   * used before, to go back to when the version is refused.
   */
  private CelCustomFunctions useCustomFunctions(GatewaySettings next) {
    return useCustomFunctions(next.customFunctions());
  }

  private CelCustomFunctions useCustomFunctions(CelCustomFunctions next) {
    if (cel == null) {
      return next;
    }
    CelCustomFunctions before = cel.customFunctions();
    cel.useCustomFunctions(next);
    return before;
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
