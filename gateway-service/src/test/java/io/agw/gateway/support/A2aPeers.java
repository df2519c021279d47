package io.agw.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real A2A peers of {@code integration-tests/src/test/node/a2a} (an agent and a client on
 * {@code @a2a-js/sdk}), run as Node processes. Installs them with {@code npm ci} when {@code
 * node_modules} is missing. Works from the repository root or a module directory (surefire runs in
 * the module).
 */
public final class A2aPeers {

  private static final Path DIR = locate();

  /** Blocking reads of process pipes get their own threads, never the common pool. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "a2a-peer-io");
            t.setDaemon(true);
            return t;
          });

  private A2aPeers() {}

  /** A running agent: its port and the lines it has logged to stderr. */
  public static final class Agent implements AutoCloseable {
    private final Process process;
    private final int port;
    private final ConcurrentLinkedQueue<String> log;

    private Agent(Process process, int port, ConcurrentLinkedQueue<String> log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    public int port() {
      return port;
    }

    /** The stderr lines so far, oldest first. */
    public List<String> log() {
      return List.copyOf(log);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /** What a finished client run printed. */
  public record ClientRun(int exitCode, String stdout, String stderr) {}

  /** Starts {@code node server.mjs 0} and waits for its {@code READY <port>} line. */
  public static Agent startAgent(long stepDelayMillis) {
    install();
    try {
      ProcessBuilder pb = new ProcessBuilder("node", "server.mjs", "0").directory(DIR.toFile());
      pb.environment().put("STEP_DELAY_MS", Long.toString(stepDelayMillis));
      Process process = pb.start();
      ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
      drain(process.getErrorStream(), log);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return out.readLine();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              READERS);
      String line = ready.get(60, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("READY ")) {
        process.destroyForcibly();
        throw new IllegalStateException("agent did not start: " + line + " " + log);
      }
      return new Agent(process, Integer.parseInt(line.substring(6).trim()), log);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the A2A agent in " + DIR, e);
    }
  }

  /** Runs {@code node client.mjs <args>} to the end (at most a minute). */
  public static ClientRun runClient(String... args) {
    install();
    List<String> command = new ArrayList<>(List.of("node", "client.mjs"));
    command.addAll(List.of(args));
    NodeScripts.Result r = NodeScripts.run(DIR, Duration.ofSeconds(60), command);
    return new ClientRun(r.exitCode(), r.stdout(), r.stderr());
  }

  private static void install() {
    NodeScripts.install(DIR, "node_modules/@a2a-js/sdk");
  }

  private static void drain(java.io.InputStream in, ConcurrentLinkedQueue<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process ended.
              }
            },
            "a2a-agent-log");
    t.setDaemon(true);
    t.start();
  }

  private static Path locate() {
    for (String candidate :
        List.of("integration-tests/src/test/node/a2a", "../integration-tests/src/test/node/a2a")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve("server.mjs"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "integration-tests/src/test/node/a2a not found from " + Path.of("").toAbsolutePath());
  }
}
