package io.agw.gateway.config;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.read.VariableExpansion.Expanded;
import java.nio.file.Path;

/**
 * The document a configuration file runs as, built the same way by the file source, the editor and
 * {@code --validate-only}: the file's text expanded as agentgateway expands it ({@code $NAME}), the
 * hybrid overlay merged over it (not expanded: the overlay is written by this gateway's API, not by
 * hand), then the file named by {@code config.localXdsPath}, itself expanded, taking the place of
 * the resources. Each text is expanded once, before any merge, so a {@code $$} stays a {@code $}.
 * Stateless.
 */
final class ConfigFileDocument {

  private ConfigFileDocument() {}

  /**
   * @param text the configuration file's text as written
   * @param overlay the hybrid overlay, or null
   * @throws ConfigException when a variable is not set, or the parts cannot be merged
   */
  static Expanded of(Path file, String text, String overlay, ConfigEnvironment env)
      throws ConfigException {
    Expanded main = ConfigLoader.expand(null, text, env);
    String merged = overlay == null ? main.text() : ConfigDocuments.merged(main.text(), overlay);
    return LocalXdsFile.effective(file, main.withText(merged), env);
  }

  /**
   * Loads {@code document}; relative paths point into the working directory first, then {@code
   * file}'s directory. Messages never show a value that came from a variable.
   */
  static LoadedConfig load(Path file, Expanded document, ConfigEnvironment env)
      throws ConfigException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      return ConfigLoader.load(document.text(), new RelativePaths(env.workingDirectory(), dir));
    } catch (ConfigException e) {
      throw document.hide(e);
    }
  }
}
