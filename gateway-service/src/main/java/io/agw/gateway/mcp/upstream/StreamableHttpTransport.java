package io.agw.gateway.mcp.upstream;

import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

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

  /** Resumptions of one request's stream; a server that keeps cutting it is given up on. */
  private static final int MAX_RESUMES = 20;

  /** The wait before resuming when the server gave no {@code retry}. */
  private static final long DEFAULT_RETRY_MILLIS = 500;

  private final URI uri;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String sessionId;
  private volatile String protocolVersion;
  private volatile Consumer<JSONRPCMessage> inbound;
  private volatile Runnable onClosed;
  private final AtomicBoolean getOpened = new AtomicBoolean();
  private final AtomicReference<Flow.Subscription> getStream = new AtomicReference<>();
  private final AtomicReference<HttpHeaders> credentials = new AtomicReference<>(new HttpHeaders());

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
    // The credentials are the current caller's (backendAuth), worked out before the POST.
    return UpstreamCall.headers(credentials).flatMap(auth -> post(message, auth));
  }

  private Mono<Void> post(JSONRPCMessage message, HttpHeaders auth) {
    HttpRequest request =
        request(auth)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(McpJson.write(message)))
            .build();
    String sent = sessionId;
    Stream stream = new Stream(message instanceof JSONRPCRequest r ? r.id() : null);
    // Completes once the whole answer is read; an SSE answer's messages are delivered as they come.
    return Mono.fromFuture(() -> HTTP.sendAsync(request, info -> body(info, null, stream)))
        .flatMap(response -> Mono.<Void>fromRunnable(() -> answered(response, sent)))
        .doOnSuccess(v -> resume(stream, 0));
  }

  /**
   * Resumes a request's SSE stream that the server closed before the request's response (MCP
   * 2025-11-25 lets a server end a stream at any time after an event with an id, and the client
   * continue it with a GET carrying {@code Last-Event-ID}), after the server's {@code retry} delay.
   */
  private void resume(Stream stream, int attempt) {
    String last = stream.lastEventId;
    if (stream.answered || last == null || closed.get() || attempt >= MAX_RESUMES) {
      return;
    }
    long delay = stream.retryMillis >= 0 ? stream.retryMillis : DEFAULT_RETRY_MILLIS;
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              HttpRequest get =
                  request()
                      .header("Accept", "text/event-stream")
                      .header("Last-Event-ID", last)
                      .GET()
                      .build();
              HTTP.sendAsync(get, info -> body(info, null, stream))
                  .whenComplete(
                      (response, error) -> {
                        if (response != null && response.statusCode() >= 400) {
                          log.debug(
                              "{}: resuming a stream answered HTTP {}",
                              describe(),
                              response.statusCode());
                          return;
                        }
                        resume(stream, attempt + 1);
                      });
            });
  }

  /**
   * The body of an answer: an SSE stream is read line by line as it arrives (no thread waits on
   * it); anything else is read whole.
   */
  private HttpResponse.BodySubscriber<String> body(
      HttpResponse.ResponseInfo info, AtomicReference<Flow.Subscription> holder, Stream stream) {
    info.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
    String type = info.headers().firstValue("Content-Type").orElse("");
    if (info.statusCode() == 200 && type.startsWith("text/event-stream")) {
      return HttpResponse.BodySubscribers.fromLineSubscriber(
          new SseLines(json -> stream.saw(deliver(json)), holder, stream),
          l -> "",
          StandardCharsets.UTF_8,
          null);
    }
    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
  }

  private void answered(HttpResponse<String> response, String sent) {
    int status = response.statusCode();
    if (status == 404 && sent != null) {
      gone();
      throw new IllegalStateException(describe() + ": the server no longer knows the session");
    }
    if (status >= 400) {
      String body = response.body();
      throw new IllegalStateException(
          describe()
              + " answered HTTP "
              + status
              + ": "
              + body.substring(0, Math.min(body.length(), 512)));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/json") && !response.body().isBlank()) {
      deliver(response.body());
    }
  }

  /** The GET stream of server-initiated messages, read as it arrives until it ends. */
  private void openGetStream() {
    if (sessionId == null || closed.get() || getOpened.getAndSet(true)) {
      return;
    }
    HttpRequest request = request().header("Accept", "text/event-stream").GET().build();
    HTTP.sendAsync(request, info -> body(info, getStream, new Stream(null)))
        .whenComplete(
            (response, error) -> {
              if (response != null && response.statusCode() == 404) {
                gone();
              }
              // 405: no stream offered; 409: another replica holds the session's stream.
              if (error != null) {
                log.debug("{}: GET stream ended: {}", describe(), error.getMessage());
              }
            });
  }

  /**
   * A request to the endpoint with the session's headers and the credentials of the last call (the
   * background streams and the DELETE: no caller of their own).
   */
  private HttpRequest.Builder request() {
    return request(credentials.get());
  }

  /** A request to the endpoint with the session's headers and credentials {@code auth}. */
  private HttpRequest.Builder request(HttpHeaders auth) {
    HttpRequest.Builder b = UpstreamCall.apply(HttpRequest.newBuilder(uri), auth);
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

  /** Hands a message to the connection; returns it, or null when it is not JSON-RPC. */
  private JSONRPCMessage deliver(String json) {
    try {
      JSONRPCMessage message = McpJson.parse(json);
      inbound.accept(message);
      return message;
    } catch (IOException | IllegalArgumentException e) {
      log.warn("{} sent a message that is not JSON-RPC: {}", describe(), e.getMessage());
      return null;
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
    Flow.Subscription s = getStream.get();
    if (s != null) {
      s.cancel();
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

  /**
   * What one request's SSE answer has shown so far, across the resumed streams that continue it:
   * the last event id, the server's retry delay, and whether the response came.
   */
  private static final class Stream {
    private final Object requestId;
    private volatile String lastEventId;
    private volatile long retryMillis = -1;
    private volatile boolean answered;

    Stream(Object requestId) {
      this.requestId = requestId;
    }

    void saw(JSONRPCMessage message) {
      if (requestId != null
          && message instanceof JSONRPCResponse r
          && String.valueOf(requestId).equals(String.valueOf(r.id()))) {
        answered = true;
      }
    }
  }

  /**
   * SSE lines to messages: each event's {@code data} lines joined; {@code id} and {@code retry}
   * recorded for resuming; other fields ignored.
   */
  private static final class SseLines implements Flow.Subscriber<String> {
    private final Consumer<String> messages;
    private final AtomicReference<Flow.Subscription> holder;
    private final Stream stream;
    private final StringBuilder data = new StringBuilder();

    SseLines(Consumer<String> messages, AtomicReference<Flow.Subscription> holder, Stream stream) {
      this.messages = messages;
      this.holder = holder;
      this.stream = stream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      if (holder != null) {
        holder.set(subscription);
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        flush();
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      } else if (line.startsWith("id:")) {
        stream.lastEventId = line.substring(line.startsWith("id: ") ? 4 : 3);
      } else if (line.startsWith("retry:")) {
        try {
          stream.retryMillis = Long.parseLong(line.substring(6).strip());
        } catch (NumberFormatException e) {
          // ignored, as the SSE format says
        }
      }
    }

    private void flush() {
      if (!data.isEmpty()) {
        String event = data.toString();
        data.setLength(0);
        messages.accept(event);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      flush();
    }

    @Override
    public void onComplete() {
      flush();
    }
  }
}
