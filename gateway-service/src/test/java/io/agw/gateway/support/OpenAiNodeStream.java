package io.agw.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code openai} package's chat completion stream helper as a client ({@code
 * src/test/node/openai-stream/stream.mjs}), run as a Node process. Installs the package with {@code
 * npm ci} (the committed lock file) when {@code node_modules} is missing. Works from the repository
 * root or the module directory (surefire runs in the module). Thread-safe: installation is
 * synchronized, each run is its own process.
 */
public final class OpenAiNodeStream {

  private static final Path DIR = locate();

  /** Blocking reads of process pipes get their own threads, never the common pool. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "openai-node-io");
            t.setDaemon(true);
            return t;
          });

  private OpenAiNodeStream() {}

  /** What one run printed. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code node stream.mjs <baseUrl> <model> [tools]} to the end (at most a minute).
   *
   * @param baseUrl the OpenAI base URL, for example {@code http://127.0.0.1:4000/openai/v1}
   */
  public static Run run(String baseUrl, String model, boolean tools) {
    install();
    List<String> command = new ArrayList<>(List.of("node", "stream.mjs", baseUrl, model));
    if (tools) {
      command.add("tools");
    }
    try {
      Process process = new ProcessBuilder(command).directory(DIR.toFile()).start();
      CompletableFuture<String> out = readAll(process.getInputStream());
      CompletableFuture<String> err = readAll(process.getErrorStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the openai stream client did not finish");
      }
      return new Run(
          process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("cannot run the openai stream client in " + DIR, e);
    }
  }

  private static synchronized void install() {
    if (Files.isDirectory(DIR.resolve("node_modules/openai"))) {
      return;
    }
    try {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(DIR.toFile())
              .redirectErrorStream(true)
              .start();
      CompletableFuture<String> output = readAll(npm.getInputStream());
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci failed in " + DIR + ": " + output.getNow(""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> readAll(InputStream in) {
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

  private static Path locate() {
    for (String candidate :
        List.of("gateway-service/src/test/node/openai-stream", "src/test/node/openai-stream")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve("stream.mjs"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "src/test/node/openai-stream not found from " + Path.of("").toAbsolutePath());
  }
}
