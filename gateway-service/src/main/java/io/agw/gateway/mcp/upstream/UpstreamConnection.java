package io.agw.gateway.mcp.upstream;

import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The gateway's MCP session with one target: either shared by the stateless requests of this
 * replica, or owned by one client session (then initialized with that client's capabilities and
 * client info, and the server's own requests go to the client session's {@link ServerRequests}). It
 * multiplexes requests over the server session with ids of its own ({@code agw-<n>}) and routes
 * each answer back by that id. Progress tokens are rewritten the same way, so that a progress
 * notification reaches the request that asked for it. A request whose caller goes away (a client
 * cancellation, a timeout) is cancelled at the server with {@code notifications/cancelled}.
 *
 * <p>Supervision: when the transport ends (a stdio process exits, an HTTP session is lost), pending
 * requests fail, and the connection is opened again, at once and then with a growing delay while it
 * keeps failing; a request made meanwhile waits for the new connection. Thread-safe.
 */
public final class UpstreamConnection {

  private static final Logger log = LoggerFactory.getLogger(UpstreamConnection.class);

  /** Not among the SDK's method constants. */
  static final String CANCELLED = "notifications/cancelled";

  /** The initialize result of a live connection (empty when a server session was resumed). */
  public record Live(UpstreamTransport transport, Map<String, Object> initializeResult) {}

  private final String target;
  private final Supplier<UpstreamTransport> transports;
  private final Duration timeout;
  private final Sinks.Many<JSONRPCNotification> broadcast =
      Sinks.many().multicast().directBestEffort();
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Sinks.One<JSONRPCResponse>> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<JSONRPCNotification>> progress = new ConcurrentHashMap<>();
  private volatile Mono<Live> live;

  /** The transport of the last connection that completed initialize. */
  private volatile UpstreamTransport established;

  private volatile boolean shutdown;
  private volatile int failures;
  private final ClientIdentity identity;
  private final ServerRequests serverRequests;

  /** Consumed by the first connection attempt only: a server that forgot it gets a new session. */
  private volatile Resume resume;

  /** A connection shared by stateless requests: the gateway's identity, nothing relayed. */
  public UpstreamConnection(
      String target, Supplier<UpstreamTransport> transports, Duration timeout) {
    this(target, transports, timeout, ClientIdentity.GATEWAY, null, null);
  }

  /** A client session's connection; {@code serverRequests} and {@code resume} may be null. */
  public UpstreamConnection(
      String target,
      Supplier<UpstreamTransport> transports,
      Duration timeout,
      ClientIdentity identity,
      ServerRequests serverRequests,
      Resume resume) {
    this.target = target;
    this.transports = transports;
    this.timeout = timeout;
    this.identity = identity;
    this.serverRequests = serverRequests;
    this.resume = resume;
  }

  /** The server's session of the live connection, or null (none yet, or not Streamable HTTP). */
  public Resume serverSession() {
    UpstreamTransport t = established;
    if (t == null || t.sessionId() == null) {
      return null;
    }
    return new Resume(t.sessionId(), t.protocolVersion());
  }

  /**
   * The server's notifications that belong to no request (list changes, log messages, resource
   * updates), as they arrive; nothing is kept for late subscribers.
   */
  public Flux<JSONRPCNotification> notifications() {
    return broadcast.asFlux();
  }

  public String target() {
    return target;
  }

  /** The live connection, opening it (and initializing the server) when there is none. */
  public Mono<Live> live() {
    Mono<Live> current = live;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (live == null) {
        live = connect().cache(l -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ZERO);
      }
      return live;
    }
  }

  private Mono<Live> connect() {
    return Mono.defer(
        () -> {
          if (shutdown) {
            return Mono.error(new IllegalStateException("the gateway is shutting down"));
          }
          UpstreamTransport transport = transports.get();
          Resume r = resume;
          resume = null;
          if (r != null && transport.resume(r.sessionId(), r.protocolVersion())) {
            return transport
                .start(this::onMessage, () -> onClosed(transport))
                .thenReturn(new Live(transport, Map.of()))
                .doOnNext(
                    l -> {
                      established = transport;
                      log.debug("MCP target {} session resumed", target);
                    });
          }
          Map<String, Object> params =
              Map.of(
                  "protocolVersion", ProtocolVersions.MCP_2025_11_25,
                  "capabilities", identity.capabilities(),
                  "clientInfo", identity.clientInfo());
          return transport
              .start(this::onMessage, () -> onClosed(transport))
              .then(exchange(transport, McpSchema.METHOD_INITIALIZE, params))
              .timeout(timeout)
              .flatMap(
                  response -> {
                    if (response.error() != null) {
                      return Mono.error(
                          new IllegalStateException(
                              "initialize failed: " + response.error().message()));
                    }
                    transport.negotiated(
                        McpJson.string(McpJson.object(response.result()), "protocolVersion"));
                    return transport
                        .send(
                            new JSONRPCNotification(
                                McpSchema.JSONRPC_VERSION,
                                McpSchema.METHOD_NOTIFICATION_INITIALIZED,
                                null))
                        .thenReturn(new Live(transport, McpJson.object(response.result())));
                  })
              .doOnNext(
                  l -> {
                    failures = 0;
                    established = transport;
                    log.debug("MCP target {} connected ({})", target, transport.describe());
                  })
              .doOnError(
                  e -> {
                    log.warn("MCP target {} cannot connect: {}", target, e.getMessage());
                    transport.close();
                    synchronized (this) {
                      live = null;
                    }
                  });
        });
  }

  /**
   * Sends a request with the gateway's own id and waits for its answer. {@code onProgress} receives
   * the progress notifications of this request, with the caller's token restored.
   */
  public Mono<JSONRPCResponse> request(
      String method, Object params, Consumer<JSONRPCNotification> onProgress) {
    return live()
        .flatMap(
            l -> {
              Object sent = params;
              String token = null;
              Map<String, Object> p = McpJson.object(params);
              Map<String, Object> meta = McpJson.object(p.get("_meta"));
              Object original = meta.get("progressToken");
              if (original != null && onProgress != null) {
                token = "agw-p-" + ids.incrementAndGet();
                meta.put("progressToken", token);
                p.put("_meta", meta);
                sent = p;
                progress.put(token, restoring(original, onProgress));
              }
              String registered = token;
              return exchange(l.transport(), method, sent)
                  .timeout(timeout)
                  .doFinally(
                      s -> {
                        if (registered != null) {
                          progress.remove(registered);
                        }
                      });
            });
  }

  private static Consumer<JSONRPCNotification> restoring(
      Object token, Consumer<JSONRPCNotification> onProgress) {
    return n -> {
      Map<String, Object> params = McpJson.object(n.params());
      params.put("progressToken", token);
      onProgress.accept(new JSONRPCNotification(McpSchema.JSONRPC_VERSION, n.method(), params));
    };
  }

  /** Sends a client's answer to one of the server's requests. */
  public Mono<Void> respond(JSONRPCResponse response) {
    return live().flatMap(l -> l.transport().send(response));
  }

  /** Sends a notification (for example a cancellation) to the server. */
  public Mono<Void> notify(String method, Object params) {
    return live()
        .flatMap(
            l ->
                l.transport()
                    .send(new JSONRPCNotification(McpSchema.JSONRPC_VERSION, method, params)));
  }

  private Mono<JSONRPCResponse> exchange(UpstreamTransport transport, String method, Object p) {
    return Mono.defer(
        () -> {
          String id = "agw-" + ids.incrementAndGet();
          Sinks.One<JSONRPCResponse> answer = Sinks.one();
          pending.put(id, answer);
          return transport
              .send(new JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, p))
              .then(answer.asMono())
              .doOnCancel(() -> cancelled(transport, id))
              .doFinally(s -> pending.remove(id));
        });
  }

  /** The caller no longer waits: the server may stop working on the request. */
  private void cancelled(UpstreamTransport transport, String id) {
    if (pending.containsKey(id)) {
      transport
          .send(
              new JSONRPCNotification(
                  McpSchema.JSONRPC_VERSION,
                  CANCELLED,
                  Map.of("requestId", id, "reason", "the client cancelled the request")))
          .onErrorComplete()
          .subscribe();
    }
  }

  private void onMessage(JSONRPCMessage message) {
    if (message instanceof JSONRPCResponse response) {
      Sinks.One<JSONRPCResponse> sink = pending.remove(String.valueOf(response.id()));
      if (sink != null) {
        sink.tryEmitValue(response);
      }
    } else if (message instanceof JSONRPCNotification n) {
      if (McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(n.method())) {
        Object token = McpJson.object(n.params()).get("progressToken");
        Consumer<JSONRPCNotification> listener =
            token == null ? null : progress.get(String.valueOf(token));
        if (listener != null) {
          listener.accept(n);
        }
      } else {
        synchronized (broadcast) {
          broadcast.tryEmitNext(n);
        }
      }
    } else if (message instanceof JSONRPCRequest request) {
      answerServerRequest(request);
    }
  }

  /**
   * The server asks the client something: ping is answered here, anything else goes to the client
   * session, and is refused rather than left unanswered when no client can take it.
   */
  private void answerServerRequest(JSONRPCRequest request) {
    boolean ping = McpSchema.METHOD_PING.equals(request.method());
    if (!ping && serverRequests != null && serverRequests.offer(target, request)) {
      return;
    }
    JSONRPCResponse response =
        ping
            ? new JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), Map.of(), null)
            : new JSONRPCResponse(
                McpSchema.JSONRPC_VERSION,
                request.id(),
                null,
                new JSONRPCError(
                    serverRequests == null
                        ? McpSchema.ErrorCodes.METHOD_NOT_FOUND
                        : McpSchema.ErrorCodes.INTERNAL_ERROR,
                    serverRequests == null
                        ? request.method() + " is not relayed to stateless clients"
                        : request.method() + " cannot be relayed: the client has no open stream",
                    null));
    Mono<Live> current = live;
    if (current != null) {
      current.flatMap(l -> l.transport().send(response)).onErrorComplete().subscribe();
    }
  }

  private void onClosed(UpstreamTransport transport) {
    synchronized (this) {
      live = null;
    }
    IllegalStateException gone =
        new IllegalStateException("MCP target " + target + " closed the connection");
    pending.values().forEach(s -> s.tryEmitError(gone));
    pending.clear();
    transport.close();
    // Only a connection that was up is reopened at once; a failed attempt waits for a request.
    if (shutdown || transport != established) {
      return;
    }
    int attempt = ++failures;
    Duration delay =
        attempt <= 1
            ? Duration.ZERO
            : Duration.ofMillis(Math.min(30_000, 250L << Math.min(attempt, 7)));
    log.info("MCP target {} reconnects in {} ms", target, delay.toMillis());
    Mono.delay(delay).then(Mono.defer(this::live)).onErrorComplete().subscribe();
  }

  /** Closes the connection for good (a stdio process is stopped). */
  public void shutdown() {
    shutdown(true);
  }

  /**
   * Closes the connection for good; with {@code endSession} false, a Streamable HTTP server session
   * is left open for another replica (the gateway is stopping, not the client session).
   */
  public void shutdown(boolean endSession) {
    shutdown = true;
    Mono<Live> current;
    synchronized (this) {
      current = live;
      live = null;
    }
    if (current != null) {
      current.subscribe(
          l -> {
            if (endSession) {
              l.transport().close();
            } else {
              l.transport().abandon();
            }
          },
          e -> {});
    }
  }
}
