package io.agw.gateway.mcp.upstream;

import io.agw.gateway.mcp.McpJson;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP Streamable HTTP client channel: every message is one POST (answered with 202, with one
 * JSON message, or with an SSE stream of messages), an optional GET stream carries the server's own
 * messages (405 means the server has none), and DELETE ends the session on close. A 404 on a
 * request that carried a session id means the server forgot the session: the channel is gone.
 *
 * <p>Hand-written rather than the SDK's {@code HttpClientStreamableHttpTransport}: that transport
 * keeps its session id private and only learns one from an initialize response, so it cannot
 * continue a session that another gateway replica opened (the session id the gateway gives its
 * clients carries the upstream session ids; see {@code SessionCodec}). Thread-safe.
 */
public final class StreamableHttpTransport implements UpstreamTransport {

  private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final URI uri;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String sessionId;
  private volatile String protocolVersion;
  private volatile Consumer<JSONRPCMessage> inbound;
  private volatile Runnable onClosed;
  private final AtomicBoolean getOpened = new AtomicBoolean();
  private volatile InputStream getStream;

  public StreamableHttpTransport(URI uri) {
    this.uri = uri;
  }

  @Override
  public boolean resume(String sessionId, String protocolVersion) {
    this.sessionId = sessionId;
    this.protocolVersion = protocolVersion;
    return true;
  }

  @Override
  public Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable closed) {
    this.inbound = inbound;
    this.onClosed = closed;
    if (sessionId != null) {
      openGetStream();
    }
    return Mono.empty();
  }

  @Override
  public void negotiated(String version) {
    protocolVersion = version;
    openGetStream();
  }

  @Override
  public Mono<Void> send(JSONRPCMessage message) {
    if (closed.get()) {
      return Mono.error(new IllegalStateException(describe() + " is closed"));
    }
    HttpRequest request =
        request()
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(McpJson.write(message)))
            .build();
    String sent = sessionId;
    return Mono.fromFuture(() -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()))
        .publishOn(Schedulers.boundedElastic())
        .flatMap(response -> Mono.fromRunnable(() -> answer(response, sent)));
  }

  /** Reads the answer to a POST (blocking; on a bounded-elastic thread). */
  private void answer(HttpResponse<InputStream> response, String sent) {
    try (InputStream body = response.body()) {
      response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
      int status = response.statusCode();
      if (status == 404 && sent != null) {
        gone();
        throw new IllegalStateException(describe() + ": the server no longer knows the session");
      }
      if (status >= 400) {
        throw new IllegalStateException(
            describe() + " answered HTTP " + status + ": " + text(body.readNBytes(512)));
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith("text/event-stream")) {
        events(body);
      } else if (type.startsWith("application/json")) {
        String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        if (!json.isBlank()) {
          deliver(json);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(describe() + ": " + e.getMessage(), e);
    }
  }

  /** The GET stream of server-initiated messages, read on a thread of its own until it ends. */
  private void openGetStream() {
    if (sessionId == null || closed.get() || getOpened.getAndSet(true)) {
      return;
    }
    HttpRequest request = request().header("Accept", "text/event-stream").GET().build();
    HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenAcceptAsync(
            response -> {
              try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                  gone();
                } else if (response.statusCode() == 200) {
                  getStream = body;
                  events(body);
                }
                // 405: no stream offered; 409: another replica holds the session's stream.
              } catch (IOException e) {
                log.debug("{}: GET stream ended: {}", describe(), e.getMessage());
              }
            },
            r -> Schedulers.boundedElastic().schedule(r));
  }

  private HttpRequest.Builder request() {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    String id = sessionId;
    if (id != null) {
      b.header("Mcp-Session-Id", id);
    }
    String version = protocolVersion;
    if (version != null) {
      b.header("MCP-Protocol-Version", version);
    }
    return b;
  }

  /** Delivers each {@code data} of an SSE stream as one message, until the stream ends. */
  private void events(InputStream body) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          deliver(data.toString());
          data.setLength(0);
        }
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      }
    }
    if (!data.isEmpty()) {
      deliver(data.toString());
    }
  }

  private void deliver(String json) {
    try {
      inbound.accept(McpJson.parse(json));
    } catch (IOException | IllegalArgumentException e) {
      log.warn("{} sent a message that is not JSON-RPC: {}", describe(), e.getMessage());
    }
  }

  private void gone() {
    if (closed.compareAndSet(false, true)) {
      closeGetStream();
      Runnable hook = onClosed;
      if (hook != null) {
        hook.run();
      }
    }
  }

  @Override
  public void close() {
    String id = sessionId;
    abandon();
    if (id != null) {
      HttpRequest delete = request().DELETE().build();
      HTTP.sendAsync(delete, HttpResponse.BodyHandlers.discarding())
          .exceptionally(
              e -> {
                log.debug("{}: DELETE failed: {}", describe(), e.getMessage());
                return null;
              });
    }
  }

  @Override
  public void abandon() {
    closed.set(true);
    closeGetStream();
  }

  private void closeGetStream() {
    InputStream s = getStream;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // the stream is being dropped anyway
      }
    }
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  @Override
  public String protocolVersion() {
    return protocolVersion;
  }

  @Override
  public String describe() {
    return "mcp:" + uri;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
