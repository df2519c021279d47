package io.agw.gateway.backend;

import io.agw.model.resource.v1.SecretSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a {@link SecretSource} when a state is built: inline as is, a file's content (trimmed, so a
 * trailing newline does not end up in a header), or an environment variable. Error messages name
 * the reference, never the value. Thread-safe.
 */
public final class SecretResolver {

  private final Function<String, String> environment;

  public SecretResolver() {
    this(System::getenv);
  }

  /** With another environment, for tests. */
  public SecretResolver(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The secret value.
   *
   * @throws IllegalArgumentException when the file cannot be read or the variable is not set
   */
  public String resolve(SecretSource source) {
    return switch (source.getSourceCase()) {
      case INLINE -> source.getInline();
      case FILE -> {
        try {
          yield Files.readString(Path.of(source.getFile()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read the key file " + source.getFile());
        }
      }
      case ENV -> {
        String value = environment.apply(source.getEnv());
        if (value == null || value.isBlank()) {
          throw new IllegalArgumentException(
              "the environment variable " + source.getEnv() + " is not set");
        }
        yield value.strip();
      }
      case SOURCE_NOT_SET -> throw new IllegalArgumentException("an empty secret");
    };
  }
}
