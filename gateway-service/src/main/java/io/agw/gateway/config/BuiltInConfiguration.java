package io.agw.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in default configuration's text ({@link ConfigFileSource#BUILT_IN}), fitted to the
 * admin port the gateway actually listens on: the file names its admin-port upstreams (the status
 * route, the demo model and MCP stand-ins) and the UI's CORS origins as {@code localhost:15000} and
 * {@code 127.0.0.1:15000}, and those are rewritten to the real port when it is another.
 */
public final class BuiltInConfiguration {

  /** The admin port the built-in file is written for. */
  public static final int WRITTEN_ADMIN_PORT = 15000;

  private BuiltInConfiguration() {}

  /** The built-in configuration for an admin port of {@code adminPort} (0 or less: unknown). */
  public static String yaml(int adminPort) {
    try (InputStream in =
        BuiltInConfiguration.class
            .getClassLoader()
            .getResourceAsStream(ConfigFileSource.BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing " + ConfigFileSource.BUILT_IN);
      }
      return forAdminPort(new String(in.readAllBytes(), StandardCharsets.UTF_8), adminPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String forAdminPort(String yaml, int adminPort) {
    if (adminPort <= 0 || adminPort == WRITTEN_ADMIN_PORT) {
      return yaml;
    }
    return yaml.replace("localhost:" + WRITTEN_ADMIN_PORT, "localhost:" + adminPort)
        .replace("127.0.0.1:" + WRITTEN_ADMIN_PORT, "127.0.0.1:" + adminPort);
  }
}
