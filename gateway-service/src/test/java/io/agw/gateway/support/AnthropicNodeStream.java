package io.agw.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The npm {@code @anthropic-ai/sdk} package's Messages stream helper as a client ({@code
 * src/test/node/anthropic-stream/stream.mjs}), run as a Node process. Installs the package with
 * {@code npm ci} (the committed lock file) when {@code node_modules} is missing. Works from the
 * repository root or the module directory (surefire runs in the module). Thread-safe: installation
 * is synchronized, each run is its own process.
 */
public final class AnthropicNodeStream {

  private static final Path DIR = locate();

  /** Blocking reads of process pipes get their own threads, never the common pool. */
  private AnthropicNodeStream() {}

  /** What one run printed. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code node stream.mjs <baseUrl> <model>} to the end (at most a minute).
   *
   * @param baseUrl the Anthropic base URL (without {@code /v1}), for example {@code
   *     http://127.0.0.1:4000/gemini}
   */
  public static Run run(String baseUrl, String model) {
    install();
    List<String> command = List.of("node", "stream.mjs", baseUrl, model);
    NodeScripts.Result r = NodeScripts.run(DIR, Duration.ofSeconds(60), command);
    return new Run(r.exitCode(), r.stdout(), r.stderr());
  }

  private static void install() {
    NodeScripts.install(DIR, "node_modules/@anthropic-ai/sdk");
  }

  private static Path locate() {
    for (String candidate :
        List.of(
            "gateway-service/src/test/node/anthropic-stream", "src/test/node/anthropic-stream")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve("stream.mjs"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "src/test/node/anthropic-stream not found from " + Path.of("").toAbsolutePath());
  }
}
