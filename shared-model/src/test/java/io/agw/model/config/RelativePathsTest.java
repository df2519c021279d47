package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a relative path of a configuration file points, on real directories. */
class RelativePathsTest {

  @TempDir Path root;

  @Test
  void aFileInTheWorkingDirectoryWinsAsInAgentgateway() throws Exception {
    Path working = Files.createDirectories(root.resolve("work"));
    Path configDir = Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(working.resolve("certs"));
    Files.writeString(working.resolve("certs/cert.pem"), "w");
    Files.createDirectories(configDir.resolve("certs"));
    Files.writeString(configDir.resolve("certs/cert.pem"), "c");

    assertThat(new RelativePaths(working, configDir).resolve("certs/cert.pem"))
        .isEqualTo(working.resolve("certs/cert.pem"));
  }

  @Test
  void otherwiseTheFilesDirectory() throws Exception {
    Path working = Files.createDirectories(root.resolve("work"));
    Path configDir = Files.createDirectories(root.resolve("etc"));
    Files.writeString(configDir.resolve("key.pem"), "c");

    RelativePaths paths = new RelativePaths(working, configDir);
    assertThat(paths.resolve("key.pem")).isEqualTo(configDir.resolve("key.pem"));
    // found nowhere: the file's directory, as before, so the error names it
    assertThat(paths.resolve("sub/../missing.pem")).isEqualTo(configDir.resolve("missing.pem"));
  }

  @Test
  void absolutePathsAreKept() {
    RelativePaths paths = new RelativePaths(root.resolve("a"), root.resolve("b"));
    assertThat(paths.resolve("/etc/ssl/x.pem")).isEqualTo(Path.of("/etc/ssl/x.pem"));
  }
}
