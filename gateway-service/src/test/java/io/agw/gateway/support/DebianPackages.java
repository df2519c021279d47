package io.agw.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Installs a Debian package a test needs when its program is missing, so the test command works on
 * a fresh machine (as root, which CI is). A failed install fails the test with apt's output: tests
 * are never skipped for want of a component.
 */
public final class DebianPackages {

  private DebianPackages() {}

  /** Makes sure {@code program} is on the PATH, installing {@code pkg} with apt-get if not. */
  public static synchronized void ensure(String program, String pkg) {
    if (onPath(program)) {
      return;
    }
    run("apt-get", "update", "-qq");
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg);
    if (!onPath(program)) {
      throw new IllegalStateException(pkg + " was installed but " + program + " is still missing");
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static void run(String... command) {
    try {
      Path log = Files.createTempFile("apt", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed (run the tests as root, or install it):\n"
                + Files.readString(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
