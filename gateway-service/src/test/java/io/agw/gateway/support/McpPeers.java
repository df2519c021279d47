package io.agw.gateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP peers of {@code src/test/node/mcp}: {@code @modelcontextprotocol/server-everything}
 * (stdio, Streamable HTTP and SSE), a small second server on the TypeScript SDK, and the TypeScript
 * SDK client. Installs them with {@code npm ci} when {@code node_modules} is missing. Works from
 * the repository root or the module directory (surefire runs in the module).
 */
public final class McpPeers {

  /** The folder of the npm project. */
  public static final Path DIR = locate();

  private McpPeers() {}

  /** A server process listening on a loopback port. */
  public record Server(Process process, int port) implements AutoCloseable {
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

  public static void install() {
    NodeScripts.install(DIR, "node_modules/@modelcontextprotocol/server-everything/package.json");
  }

  /**
   * The command that runs server-everything with {@code transport} (stdio, sse, streamableHttp).
   */
  public static List<String> everything(String transport) {
    return List.of(
        "node",
        DIR.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
            .toString(),
        transport);
  }

  /** The command that runs the second server over stdio. */
  public static List<String> second() {
    return List.of("node", DIR.resolve("second-server.mjs").toString());
  }

  /** The command that runs the server reporting the {@code _meta} it received, over stdio. */
  public static List<String> traced() {
    return List.of("node", DIR.resolve("traced-server.mjs").toString());
  }

  /** server-everything over Streamable HTTP ({@code /mcp}) or SSE ({@code /sse}) on a free port. */
  public static Server startEverything(String transport) {
    int port = FreePorts.next();
    return start(everything(transport), port);
  }

  /** The second server over Streamable HTTP ({@code /mcp}) on a free port. */
  public static Server startSecondHttp() {
    int port = FreePorts.next();
    return start(
        List.of(
            "node", DIR.resolve("second-server.mjs").toString(), "http", Integer.toString(port)),
        port);
  }

  private static Server start(List<String> command, int port) {
    install();
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("PORT", Integer.toString(port));
      Process process = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(command + " exited with " + process.exitValue());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new Server(process, port);
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not listen on " + port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path locate() {
    for (Path candidate :
        List.of(Path.of("src/test/node/mcp"), Path.of("gateway-service/src/test/node/mcp"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "cannot find src/test/node/mcp from " + Path.of("").toAbsolutePath());
  }
}
