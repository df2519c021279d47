package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.InvalidStateException;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the gateway from its YAML file: loads it at startup (a file that cannot be loaded stops the
 * start with the reasons), then checks it every {@code agw.config.watch-interval} and applies each
 * changed version whole, or refuses it whole and keeps serving the last good state. Polling the
 * content (rather than file events) also sees atomic renames and Kubernetes ConfigMap symlink
 * swaps. Without a file, the built-in default configuration is served.
 */
public final class ConfigFileSource implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConfigFileSource.class);

  /** The classpath location of the built-in default configuration. */
  public static final String BUILT_IN = "io/agw/gateway/config/default-config.yaml";

  private final GatewayProperties.Config config;
  private final ResourceStore store;
  private ScheduledExecutorService watcher;
  private byte[] lastSeen;
  private volatile boolean running;

  public ConfigFileSource(GatewayProperties.Config config, ResourceStore store) {
    this.config = config;
    this.store = store;
  }

  @Override
  public void start() {
    String file = config.file();
    if (file == null || file.isBlank()) {
      applyBuiltIn();
    } else {
      Path path = Path.of(file).toAbsolutePath();
      byte[] content = read(path);
      if (content == null) {
        throw new InvalidConfigurationException(
            path.toString(), List.of("the file does not exist or cannot be read"));
      }
      lastSeen = content;
      List<String> problems = apply(path, content);
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

  private void applyBuiltIn() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(BUILT_IN)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      LoadedConfig loaded = ConfigLoader.load(yaml, Path.of("").toAbsolutePath());
      store.replaceAll("built-in", loaded.resources());
    } catch (IOException | ConfigException | InvalidStateException e) {
      throw new IllegalStateException(
          "the built-in configuration is invalid: " + e.getMessage(), e);
    }
  }

  private void poll(Path path) {
    try {
      byte[] content = read(path);
      if (content == null || Arrays.equals(content, lastSeen)) {
        return;
      }
      lastSeen = content;
      log.info("configuration file {} changed; applying", path);
      apply(path, content);
    } catch (RuntimeException e) {
      log.error("watching {} failed", path, e);
    }
  }

  /** Applies one version of the file; returns the problems, or null when it was applied. */
  private List<String> apply(Path path, byte[] content) {
    String source = path.toString();
    try {
      LoadedConfig loaded =
          ConfigLoader.load(new String(content, StandardCharsets.UTF_8), path.getParent());
      store.replaceAll(source, loaded.resources());
      return null;
    } catch (ConfigException e) {
      List<String> problems = e.errors().stream().map(ConfigFileSource::describe).toList();
      store.refuse(source, problems);
      return problems;
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
