package io.agw.gateway.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package, installed with apt-get when
 * missing) in a fresh data directory on a free loopback port, started and stopped by a test. The
 * server refuses to run as root, so as root (CI) it runs as the package's {@code postgres} user.
 * Trust authentication on loopback: any password in the URL is accepted. Stopping keeps the data
 * directory, so {@link #start()} again is a restart that keeps every row.
 */
public final class PostgresServer implements AutoCloseable {

  /** The superuser initdb creates; {@link #url()} connects as it to database {@code postgres}. */
  public static final String USER = "agw";

  private final int port;
  private final Path dir;
  private final Path bin;
  private Process process;

  public PostgresServer() throws IOException {
    DebianPackages.ensure("pg_ctlcluster", "postgresql");
    this.bin = binaries();
    this.port = FreePorts.next();
    this.dir = Files.createTempDirectory("agw-postgres");
    run(bin.resolve("initdb").toString(), "-D", data(), "-U", USER, "-A", "trust", "--no-sync");
  }

  public int port() {
    return port;
  }

  /** The URL in agentgateway's form ({@code config.database.url}). */
  public String url() {
    return "postgres://" + USER + "@127.0.0.1:" + port + "/postgres";
  }

  /** The JDBC URL, for a test's own queries. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
  }

  /** Starts the server (again, after a stop) and waits until it accepts connections. */
  public PostgresServer start() throws IOException, InterruptedException {
    List<String> command = asServerUser();
    command.addAll(
        List.of(
            bin.resolve("postgres").toString(),
            "-D",
            data(),
            "-p",
            Integer.toString(port),
            "-k",
            dir.toString(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=200"));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "postgres exited:\n" + Files.readString(dir.resolve("server.log")));
      }
      if (accepts()) {
        return this;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("postgres did not start on port " + port);
  }

  private boolean accepts() throws IOException, InterruptedException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      // The port opens before recovery ends; pg_isready says when queries are served.
      Process ready =
          new ProcessBuilder(
                  bin.resolve("pg_isready").toString(),
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-U",
                  USER)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the server the way an outage looks to clients: open connections are cut at once (fast
   * shutdown, SIGINT), and new ones are refused until {@link #start()}.
   */
  public void stop() throws InterruptedException, IOException {
    if (process == null) {
      return;
    }
    // Signal the postmaster itself: as root, process is runuser, which does not pass SIGINT on.
    new ProcessBuilder("kill", "-INT", postmasterPid()).start().waitFor();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  /** The server's own pid (first line of {@code postmaster.pid}), else the started process's. */
  private String postmasterPid() throws IOException {
    Path pidFile = dir.resolve("data").resolve("postmaster.pid");
    if (Files.isReadable(pidFile)) {
      String first = Files.readAllLines(pidFile).get(0).trim();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return Long.toString(process.pid());
  }

  @Override
  public void close() throws InterruptedException, IOException {
    stop();
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private static Path binaries() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Path::compareTo)
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
    }
  }

  /** As root, the command prefix that runs as {@code postgres}, after handing it the directory. */
  private List<String> asServerUser() throws IOException {
    List<String> prefix = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      try {
        new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString())
            .inheritIO()
            .start()
            .waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      prefix.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    return prefix;
  }

  private void run(String... command) throws IOException {
    List<String> full = asServerUser();
    full.addAll(List.of(command));
    Path log = dir.resolve("initdb.log");
    try {
      Process p =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", full) + " failed:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
