package io.agw.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, the browser of the UI tests. When {@code /usr/bin/chromium} is missing it is
 * installed with {@code apt-get} (the tests run as root, here and in CI); no tool downloads a
 * browser build of its own. A failed install fails the test with apt's output: never a skip.
 */
final class Chromium {

  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /** Returns the browser's path, installing Debian's package first when it is missing. */
  static synchronized Path ensureInstalled() throws IOException, InterruptedException {
    if (Files.isExecutable(EXECUTABLE)) {
      return EXECUTABLE;
    }
    apt(List.of("apt-get", "update", "-q"));
    apt(List.of("apt-get", "install", "-y", "-q", "chromium"));
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(
          "apt-get installed the chromium package but " + EXECUTABLE + " is still missing");
    }
    return EXECUTABLE;
  }

  private static void apt(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("agw-apt", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process apt = builder.start();
    boolean finished = apt.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      apt.destroyForcibly();
    }
    if (!finished || apt.exitValue() != 0) {
      throw new IllegalStateException(
          "Chromium ("
              + EXECUTABLE
              + ") is missing and `"
              + String.join(" ", command)
              + "` failed"
              + (finished ? " with exit code " + apt.exitValue() : " to finish in 15 minutes")
              + "; install Debian's chromium package (as root) and run again. apt said:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
