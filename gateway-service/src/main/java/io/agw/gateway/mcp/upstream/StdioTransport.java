package io.agw.gateway.mcp.upstream;

import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server run as a child process, spoken to as newline-delimited JSON-RPC over its stdin and
 * stdout. Hand-written rather than the SDK's {@code StdioClientTransport} because the gateway
 * supervises the process: it must know when the process exits (to fail pending calls and restart
 * it) and be able to kill it, and the SDK transport exposes neither the {@link Process} nor its
 * exit. Messages are still parsed and written with the SDK's JSON-RPC types. Thread-safe.
 */
public final class StdioTransport implements UpstreamTransport {

  private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

  private final List<String> command;
  private final Map<String, String> env;
  private final boolean clearEnv;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;
  private OutputStream stdin;

  public StdioTransport(List<String> command, Map<String, String> env, boolean clearEnv) {
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.clearEnv = clearEnv;
  }

  @Override
  public Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable onClosed) {
    return Mono.<Void>fromRunnable(
            () -> {
              ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
              if (clearEnv) {
                // PATH stays so that a bare command name (node, npx, uvx) can still be found.
                String path = System.getenv("PATH");
                builder.environment().clear();
                if (path != null) {
                  builder.environment().put("PATH", path);
                }
              }
              builder.environment().putAll(env);
              try {
                process = builder.start();
              } catch (IOException e) {
                throw new IllegalStateException("cannot start " + command.get(0), e);
              }
              stdin = process.getOutputStream();
              Process p = process;
              Thread reader = new Thread(() -> read(p, inbound), "mcp-stdio-" + p.pid());
              reader.setDaemon(true);
              reader.start();
              Thread errors = new Thread(() -> drainErrors(p), "mcp-stdio-err-" + p.pid());
              errors.setDaemon(true);
              errors.start();
              p.onExit()
                  .thenRun(
                      () -> {
                        log.info("MCP stdio server {} (pid {}) exited", command.get(0), p.pid());
                        closed.set(true);
                        onClosed.run();
                      });
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private void read(Process p, Consumer<JSONRPCMessage> inbound) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          inbound.accept(McpJson.parse(line));
        } catch (IOException | IllegalArgumentException e) {
          // Servers print banners and logs to stdout now and then; they are not fatal.
          log.debug("MCP stdio server {} wrote a non-JSON-RPC line", command.get(0));
        }
      }
    } catch (IOException e) {
      log.debug("MCP stdio server {} output closed: {}", command.get(0), e.getMessage());
    }
  }

  private void drainErrors(Process p) {
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        log.debug("[{} stderr] {}", command.get(0), line);
      }
    } catch (IOException ignored) {
      // The process is gone; its exit is reported by onExit.
    }
  }

  @Override
  public Mono<Void> send(JSONRPCMessage message) {
    byte[] line = (McpJson.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
    return Mono.<Void>fromRunnable(
            () -> {
              if (closed.get() || stdin == null) {
                throw new IllegalStateException("the process of " + describe() + " is not running");
              }
              synchronized (this) {
                try {
                  stdin.write(line);
                  stdin.flush();
                } catch (IOException e) {
                  throw new IllegalStateException("cannot write to " + describe(), e);
                }
              }
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public void close() {
    closed.set(true);
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  /** The running process's id, or -1; for tests and logs. */
  public long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  @Override
  public String describe() {
    return "stdio:" + command.get(0);
  }
}
