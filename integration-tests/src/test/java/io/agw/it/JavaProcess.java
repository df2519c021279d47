package io.agw.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service started as its own JVM process, the way users run it; output goes to a log
 * file that failing tests print. Closing it destroys the process.
 */
final class JavaProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar jar args...} from the repository root. */
  static JavaProcess start(Path jar, String... args) throws IOException {
    return start(List.of(), jar, args);
  }

  /** Starts {@code java jvmArgs... -jar jar args...} from the repository root. */
  static JavaProcess start(List<String> jvmArgs, Path jar, String... args) throws IOException {
    return start(Map.of(), jvmArgs, jar, args);
  }

  /**
   * Starts {@code java jvmArgs... -jar jar args...} from the repository root, with these
   * environment variables added to this process's.
   */
  static JavaProcess start(Map<String, String> env, List<String> jvmArgs, Path jar, String... args)
      throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build's package phase first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("agw-process", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Repository.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    return new JavaProcess(process, log);
  }

  /** Waits until {@code url} answers 200, or fails with the process log. */
  void awaitOk(String url, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "process exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " not ready after " + timeout + ":\n" + log());
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGTERM (as Kubernetes does to stop a pod) without waiting. */
  void terminate() {
    process.destroy();
  }

  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("process still running after " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
