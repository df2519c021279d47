package io.agw.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    NodeScripts.Result r = NodeScripts.run(DIR, Duration.ofSeconds(60), command);
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private static void install() {
    NodeScripts.install(DIR, "node_modules/openai");
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
