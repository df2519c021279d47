package io.agw.gateway.config;

import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.GatewaySettings.StorageMode;
import io.agw.model.config.LoadedConfig;
import io.agw.model.config.read.VariableExpansion.Expanded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Changes the file-fed configuration on request (the admin API), per {@code config.storage.mode}:
 * {@code file} writes the document to the file and applies it; {@code hybrid} keeps it as an
 * overlay in the database, merged over the file; {@code readOnly} and the built-in configuration
 * refuse. Every document is validated whole first (the file loader, then the gateway's own checks,
 * as a reload does), and a document refused at any step changes nothing. Changes are applied on the
 * file's watch thread, so they never interleave with a reload. Thread-safe; calls block.
 */
public final class ConfigEditor {

  /** The admin API's source of a change, in the log and the last refusal. */
  static final String SOURCE = "admin API";

  private final ConfigFileSource file;
  private final ResourceStore store;
  private final Supplier<ConfigOverlayStore> overlays;

  /** The document was refused; nothing changed. */
  public static final class RefusedException extends Exception {
    private final transient List<ConfigError> errors;

    RefusedException(List<ConfigError> errors) {
      super("the configuration was refused", null, false, false);
      this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
      return errors;
    }
  }

  /** The configuration cannot be changed this way; the message says why and what to do. */
  public static final class NotWritableException extends Exception {
    NotWritableException(String message) {
      super(message, null, false, false);
    }
  }

  public ConfigEditor(
      ConfigFileSource file, ResourceStore store, Supplier<ConfigOverlayStore> overlays) {
    this.file = file;
    this.store = store;
    this.overlays = overlays;
  }

  /** Where the document comes from: {@code builtin} or {@code file}. */
  public String source() {
    return file.path() == null ? "builtin" : "file";
  }

  /** The file, or null for the built-in configuration. */
  public Path path() {
    return file.path();
  }

  public StorageMode storage() {
    return file.settings().storage();
  }

  /** Whether {@link #put} can succeed: a file, and a storage mode other than {@code readOnly}. */
  public boolean writable() {
    return file.path() != null && storage() != StorageMode.READ_ONLY;
  }

  /** The document that runs: the file, merged with the overlay in hybrid storage. */
  public String liveDocument() {
    ConfigOverlayStore.Overlay overlay = file.overlay();
    try {
      return ConfigFileSource.effective(file.fileText().getBytes(StandardCharsets.UTF_8), overlay);
    } catch (ConfigException e) {
      return file.fileText();
    }
  }

  /** The overlay document in hybrid storage, or null when there is none. */
  public String overlayDocument() {
    ConfigOverlayStore.Overlay overlay = file.overlay();
    return overlay == null ? null : overlay.yaml();
  }

  /**
   * Every problem that would refuse {@code yaml}, all at once (empty when it is valid): the whole
   * file in {@code file} (and {@code readOnly}) storage, the overlay in {@code hybrid} storage.
   */
  public List<ConfigError> validate(String yaml) {
    ConfigEnvironment env = file.environment();
    Path path = file.path() == null ? env.workingDirectory().resolve("builtin.yaml") : file.path();
    Expanded document;
    LoadedConfig loaded;
    try {
      // The overlay is merged as written, the file's text as the file source expands it.
      document =
          storage() == StorageMode.HYBRID
              ? ConfigFileDocument.of(path, file.fileText(), yaml, env)
              : ConfigFileDocument.of(path, yaml, null, env);
      loaded = ConfigFileDocument.load(path, document, env);
    } catch (ConfigException e) {
      return e.errors();
    }
    List<ConfigError> errors = new ArrayList<>();
    store
        .check(SOURCE, loaded.resources())
        .forEach(p -> errors.add(new ConfigError("", document.hide(p))));
    return errors;
  }

  /**
   * Validates {@code yaml} and applies it per the storage mode.
   *
   * @return the version that runs it
   */
  public long put(String yaml) throws RefusedException, NotWritableException, Exception {
    requireWritable();
    List<ConfigError> errors = validate(yaml);
    if (!errors.isEmpty()) {
      store.refuseErrors(SOURCE, errors);
      throw new RefusedException(errors);
    }
    if (storage() == StorageMode.HYBRID) {
      return applyOverlay(yaml);
    }
    byte[] content = yaml.getBytes(StandardCharsets.UTF_8);
    List<ConfigError> refused = file.onWatchThread(() -> file.writeAndApply(content));
    if (refused != null) {
      throw new RefusedException(refused);
    }
    return currentVersion();
  }

  /** Removes the overlay of hybrid storage; the file alone then runs. */
  public long deleteOverlay() throws RefusedException, NotWritableException, Exception {
    requireWritable();
    if (storage() != StorageMode.HYBRID) {
      throw new NotWritableException(
          "there is no configuration overlay: config.storage.mode is not 'hybrid'");
    }
    return applyOverlay(null);
  }

  private long applyOverlay(String yaml) throws Exception {
    ConfigOverlayStore overlays = this.overlays.get();
    if (overlays == null) {
      throw new NotWritableException(
          "hybrid storage needs the database of config.database, and it is not available");
    }
    ConfigOverlayStore.Overlay saved = overlays.save(yaml);
    List<ConfigError> refused = file.onWatchThread(() -> file.applyOverlay(saved));
    if (refused != null) {
      overlays.discard(saved.revision());
      throw new RefusedException(refused);
    }
    return currentVersion();
  }

  private void requireWritable() throws NotWritableException {
    if (file.path() == null) {
      throw new NotWritableException(
          "the gateway serves its built-in configuration, which cannot be changed: start it with"
              + " a configuration file (--config FILE or agw.config.file) to edit it here");
    }
    if (storage() == StorageMode.READ_ONLY) {
      throw new NotWritableException(
          "config.storage.mode is 'readOnly': edit the file itself, or set config.storage.mode to"
              + " 'file' or 'hybrid' in it to allow changes here");
    }
  }

  private long currentVersion() {
    GatewayState state = store.current();
    return state == null ? 0 : state.version();
  }
}
