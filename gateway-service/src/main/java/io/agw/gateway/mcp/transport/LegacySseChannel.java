package io.agw.gateway.mcp.transport;

import io.agw.gateway.mcp.federation.McpDispatcher;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.session.ClientSession;
import io.agw.gateway.mcp.session.ClientSessions;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One client's legacy HTTP+SSE stream and the MCP session behind it: the messages the client posts
 * are handled by its {@link ClientSession} (opened by its {@code initialize}), and everything that
 * answers them, and the session's own notifications and server requests, is sent on the one stream.
 * Thread-safe.
 */
final class LegacySseChannel {

  private static final Logger log = LoggerFactory.getLogger(LegacySseChannel.class);

  /**
   * The protocol version of the HTTP+SSE transport, which its clients may ask for (the MCP Java
   * SDK's SSE client offers only this one); the messages the gateway relays are the same.
   */
  static final String LEGACY_VERSION = ProtocolVersions.MCP_2024_11_05;

  private final McpService opened;
  private final ClientSessions clients;
  private final Sinks.Many<JSONRPCMessage> stream = Sinks.many().unicast().onBackpressureBuffer();
  private volatile boolean initialized;

  /** The stateful session behind the stream; null until initialized, or when stateless. */
  private volatile Session state;

  /** The session whose standalone messages are followed, and that subscription (guarded). */
  private ClientSession followed;

  private Disposable following;

  LegacySseChannel(McpService opened, ClientSessions clients) {
    this.opened = opened;
    this.clients = clients;
  }

  String backendKey() {
    return opened.backendKey();
  }

  /** What the stream carries after its {@code endpoint} event; completes when it is closed. */
  Flux<JSONRPCMessage> messages() {
    return stream.asFlux();
  }

  /**
   * Handles one message the client posted, with {@code service} the backend as the current state
   * has it; its answers go to the stream, and {@code onResponse} sees the response to a request.
   */
  void deliver(
      McpService service,
      JSONRPCMessage message,
      ClientSession.Context context,
      Consumer<JSONRPCResponse> onResponse) {
    Flux<JSONRPCMessage> answers;
    if (message instanceof JSONRPCRequest request
        && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
      answers = initialize(service, request).flux();
    } else if (!initialized) {
      answers =
          message instanceof JSONRPCRequest request
              ? Flux.just(
                  McpDispatcher.error(
                      request.id(),
                      ErrorCodes.INVALID_REQUEST,
                      "the session is not initialized: send initialize first"))
              : Flux.empty();
    } else {
      Optional<ClientSession> session = session(service);
      answers =
          session.isPresent()
              ? session.get().handle(message, context)
              : message instanceof JSONRPCRequest request
                  ? Flux.just(
                      McpDispatcher.error(
                          request.id(), ErrorCodes.INVALID_REQUEST, "Session not found"))
                  : Flux.empty();
    }
    answers
        .doOnNext(
            m -> {
              if (m instanceof JSONRPCResponse response) {
                onResponse.accept(response);
              }
            })
        .subscribe(this::emit, e -> log.warn("MCP legacy SSE message failed: {}", e.toString()));
  }

  private Mono<JSONRPCMessage> initialize(McpService service, JSONRPCRequest request) {
    if (initialized) {
      return Mono.just(
          McpDispatcher.error(request.id(), ErrorCodes.INVALID_REQUEST, "already initialized"));
    }
    Map<String, Object> params = McpJson.object(request.params());
    String requested = McpJson.string(params, "protocolVersion");
    String version =
        LEGACY_VERSION.equals(requested) ? LEGACY_VERSION : McpService.negotiate(requested);
    ClientSession session;
    if (service.stateless()) {
      session = ClientSession.stateless(service);
    } else {
      state = LegacySseTransport.newSession(version, params);
      session = clients.open(service, state);
    }
    return session
        .connect()
        .map(up -> McpDispatcher.result(request.id(), service.initializeResult(version, up)))
        .onErrorResume(
            e ->
                Mono.just(
                    McpDispatcher.error(request.id(), ErrorCodes.INTERNAL_ERROR, e.getMessage())))
        .doOnNext(
            response -> {
              if (response.error() == null) {
                initialized = true;
                if (!service.stateless()) {
                  follow(session);
                }
              }
            })
        .cast(JSONRPCMessage.class);
  }

  /** The session of a posted message: this replica's, or rebuilt if a reload changed targets. */
  private Optional<ClientSession> session(McpService service) {
    Session current = state;
    if (current == null) {
      return Optional.of(ClientSession.stateless(service));
    }
    Optional<ClientSession> found = clients.find(service, current);
    found.ifPresent(this::follow);
    return found;
  }

  /** Sends {@code session}'s standalone messages (notifications, server requests) on the stream. */
  private synchronized void follow(ClientSession session) {
    if (session == followed) {
      return;
    }
    if (following != null) {
      following.dispose();
    }
    followed = session;
    following =
        session
            .outbound()
            .subscribe(this::emit, e -> log.debug("MCP session stream ended: {}", e.toString()));
  }

  private void emit(JSONRPCMessage message) {
    synchronized (stream) {
      stream.tryEmitNext(message);
    }
  }

  /** The client's stream ended: its session ends too, and the upstream sessions with it. */
  void close() {
    synchronized (this) {
      if (following != null) {
        following.dispose();
      }
    }
    synchronized (stream) {
      stream.tryEmitComplete();
    }
    Session current = state;
    if (current != null) {
      clients.delete(opened, current);
    }
  }
}
