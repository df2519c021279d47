package io.agw.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Node scripts the tests run as real npm clients and servers: installs a folder's locked npm
 * dependencies once ({@code npm ci}), and runs a script to the end with its output captured.
 */
public final class NodeScripts {

  /** A finished script. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "node-output");
            t.setDaemon(true);
            return t;
          });

  private NodeScripts() {}

  /** Runs {@code npm ci} in {@code dir} unless {@code installed} (relative to it) exists. */
  public static synchronized void install(Path dir, String installed) {
    if (Files.exists(dir.resolve(installed))) {
      return;
    }
    try {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      CompletableFuture<String> output = readAll(npm.getInputStream());
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci failed in " + dir + ": " + output.getNow(""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code command} in {@code dir} to the end, or fails after {@code timeout}. */
  public static Result run(Path dir, Duration timeout, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
      CompletableFuture<String> out = readAll(process.getInputStream());
      CompletableFuture<String> err = readAll(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish: " + err.getNow(""));
      }
      return new Result(
          process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + " in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }

  /** Reads a stream to its end on a daemon thread. */
  public static CompletableFuture<String> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        READERS);
  }
}
