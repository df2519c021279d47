package io.agw.gateway.mcp.session;

import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.mcp.federation.Federation.Visibility;
import io.agw.gateway.mcp.federation.McpDispatcher;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.McpService.TargetStatus;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.guard.McpGuardrails;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.upstream.ClientIdentity;
import io.agw.gateway.mcp.upstream.Resume;
import io.agw.gateway.mcp.upstream.ServerRequests;
import io.agw.gateway.mcp.upstream.UpstreamConnection;
import io.agw.gateway.telemetry.McpCall;
import io.agw.model.resource.v1.McpTarget;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One client's MCP session, independent of the downstream transport. The seam for a transport:
 *
 * <ul>
 *   <li>{@link #handle} takes one message from the client and gives the messages to send back for
 *       it: the request's progress notifications and the servers' requests to the client that
 *       belong to it, then its response (nothing for a notification or an answer);
 *   <li>{@link #outbound} is the session's standalone stream: the targets' notifications and the
 *       servers' requests that no in-flight request can carry.
 * </ul>
 *
 * A Streamable HTTP transport answers a POST with {@code handle} (as JSON or SSE) and a GET with
 * {@code outbound}; an HTTP+SSE transport would send both on its one event stream.
 *
 * <p>A stateful session owns a connection to every target, initialized with the client's
 * capabilities and info, so servers may ask the client for sampling, elicitation and roots. Those
 * requests are relayed with ids from {@link RelayIds}: on the stream of the newest in-flight
 * request that went to the asking target, else on {@link #outbound} when it is open, else refused.
 * A stateless session uses the backend's shared connections and relays no server requests.
 * Thread-safe.
 */
public final class ClientSession implements ServerRequests {

  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  /** Not among the SDK's method constants. */
  static final String CANCELLED = "notifications/cancelled";

  /**
   * What the transport knows of one client message: what the caller may see, whether the answer can
   * be a stream (otherwise only the response is sent), the call to report on, the route's
   * guardrails, and where their decisions are recorded (the client's HTTP request's; may be null).
   */
  public record Context(
      Visibility visibility,
      boolean streaming,
      McpCall call,
      McpGuardrails guardrails,
      GuardDecisions decisions) {

    /** A context without guardrails. */
    public Context(Visibility visibility, boolean streaming, McpCall call) {
      this(visibility, streaming, call, McpGuardrails.NONE, null);
    }
  }

  private final Session state;
  private final McpService service;
  private final boolean relay;
  private final Sinks.Many<JSONRPCMessage> outbound = Sinks.many().multicast().directBestEffort();
  private final List<Channel> inflight = new CopyOnWriteArrayList<>();
  private volatile long lastUsed = System.nanoTime();

  /** A stateful session of {@code backend}; its connections continue {@code state}'s upstream. */
  ClientSession(McpService backend, Session state) {
    this.state = state;
    this.relay = true;
    ClientIdentity identity = new ClientIdentity(state.capabilities(), state.clientInfo());
    Map<String, UpstreamConnection> connections = new LinkedHashMap<>();
    backend
        .specs()
        .forEach(
            (name, spec) ->
                connections.put(
                    name,
                    new UpstreamConnection(
                        name,
                        spec.transports(),
                        backend.timeout(),
                        identity,
                        this,
                        state.upstream().get(name))));
    this.service = backend.withTargets(Collections.unmodifiableMap(connections));
  }

  private ClientSession(McpService shared) {
    this.state = null;
    this.relay = false;
    this.service = shared;
  }

  /** A stateless request: the backend's shared connections, no server requests relayed. */
  public static ClientSession stateless(McpService backend) {
    return new ClientSession(backend);
  }

  /** Connects every target (the initialize of the client); see {@link McpService#connectAll}. */
  public Mono<List<TargetStatus>> connect() {
    return service.connectAll();
  }

  /** The session as an id carries it: with the targets' current server sessions. */
  public Session state() {
    Map<String, Resume> upstream = new LinkedHashMap<>();
    service
        .targets()
        .forEach(
            (name, c) -> {
              Resume r = c.serverSession();
              if (r != null) {
                upstream.put(name, r);
              }
            });
    return state.withUpstream(upstream);
  }

  /** The targets' configurations this session was opened with. */
  Map<String, McpTarget> configs() {
    Map<String, McpTarget> configs = new LinkedHashMap<>();
    service.specs().forEach((name, spec) -> configs.put(name, spec.config()));
    return configs;
  }

  /** The messages to send back for {@code message}, in order; see the class comment. */
  public Flux<JSONRPCMessage> handle(JSONRPCMessage message, Context context) {
    lastUsed = System.nanoTime();
    if (message instanceof JSONRPCRequest request) {
      return request(request, context);
    }
    if (message instanceof JSONRPCResponse response) {
      return answer(response).thenMany(Flux.empty());
    }
    JSONRPCNotification n = (JSONRPCNotification) message;
    if (CANCELLED.equals(n.method())) {
      Object id = McpJson.object(n.params()).get("requestId");
      for (Channel ch : inflight) {
        if (Objects.equals(String.valueOf(ch.clientId), String.valueOf(id))) {
          ch.cancel.tryEmitEmpty();
        }
      }
    } else if (McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED.equals(n.method()) && relay) {
      return Flux.fromIterable(service.targets().values())
          .flatMap(c -> c.notify(n.method(), n.params()).onErrorComplete())
          .thenMany(Flux.empty());
    }
    return Flux.empty();
  }

  private Flux<JSONRPCMessage> request(JSONRPCRequest request, Context context) {
    McpDispatcher dispatcher =
        new McpDispatcher(
            service,
            context.visibility(),
            context.guardrails(),
            context.decisions(),
            context.call() == null ? Map.of() : context.call().traceContext());
    Channel ch = new Channel(request.id(), dispatcher, context.streaming());
    Mono<JSONRPCResponse> answer =
        dispatcher
            .dispatch(
                request,
                progress -> {
                  if (ch.streaming) {
                    ch.emit(progress);
                  }
                })
            .takeUntilOther(ch.cancel.asMono())
            .doOnNext(
                response -> {
                  if (context.call() != null) {
                    context.call().subject(dispatcher.subject());
                  }
                  ch.emit(response);
                })
            .doFinally(s -> ch.complete());
    return Flux.defer(
        () -> {
          inflight.add(ch);
          return ch.events
              .asFlux()
              .mergeWith(answer.then(Mono.empty()))
              .doFinally(s -> inflight.remove(ch));
        });
  }

  /** A client's answer to a server request: restored and sent to the target that asked. */
  private Mono<Void> answer(JSONRPCResponse response) {
    var origin = RelayIds.decode(response.id());
    UpstreamConnection target =
        origin.isEmpty() ? null : service.targets().get(origin.get().target());
    if (target == null) {
      log.debug("MCP answer to an unknown request id dropped");
      return Mono.empty();
    }
    return target
        .respond(
            new JSONRPCResponse(
                McpSchema.JSONRPC_VERSION, origin.get().id(), response.result(), response.error()))
        .onErrorResume(
            e -> {
              log.warn("MCP answer to {} not delivered: {}", origin.get().target(), e.toString());
              return Mono.empty();
            });
  }

  @Override
  public boolean offer(String target, JSONRPCRequest request) {
    if (!relay) {
      return false;
    }
    JSONRPCRequest relayed =
        new JSONRPCRequest(
            McpSchema.JSONRPC_VERSION,
            request.method(),
            RelayIds.encode(target, request.id()),
            request.params());
    Channel[] channels = inflight.toArray(new Channel[0]);
    for (int i = channels.length - 1; i >= 0; i--) {
      Channel ch = channels[i];
      if (ch.streaming && ch.dispatcher.reached(target) && ch.emit(relayed)) {
        return true;
      }
    }
    synchronized (outbound) {
      return outbound.currentSubscriberCount() > 0 && outbound.tryEmitNext(relayed).isSuccess();
    }
  }

  /** The session's standalone stream (see the class comment); ends when the session closes. */
  public Flux<JSONRPCMessage> outbound() {
    return Flux.merge(outbound.asFlux(), service.notifications().map(n -> (JSONRPCMessage) n))
        .takeUntilOther(outbound.asFlux().ignoreElements())
        .doOnSubscribe(s -> lastUsed = System.nanoTime())
        .doFinally(s -> lastUsed = System.nanoTime());
  }

  /** Unused since {@code cutoff} (nanoTime): no request in flight, no open stream. */
  boolean idleSince(long cutoff) {
    return inflight.isEmpty() && outbound.currentSubscriberCount() == 0 && lastUsed - cutoff < 0;
  }

  /**
   * Closes the session's connections (stdio processes stop); with {@code endSessions}, Streamable
   * HTTP server sessions are ended too (DELETE), otherwise left for another replica.
   */
  void close(boolean endSessions) {
    if (relay) {
      service.targets().values().forEach(c -> c.shutdown(endSessions));
    }
    synchronized (outbound) {
      outbound.tryEmitComplete();
    }
  }

  /** The answer stream of one client request. */
  private static final class Channel {
    final Object clientId;
    final McpDispatcher dispatcher;
    final boolean streaming;
    final Sinks.Many<JSONRPCMessage> events = Sinks.many().unicast().onBackpressureBuffer();
    final Sinks.Empty<Void> cancel = Sinks.empty();

    Channel(Object clientId, McpDispatcher dispatcher, boolean streaming) {
      this.clientId = clientId;
      this.dispatcher = dispatcher;
      this.streaming = streaming;
    }

    boolean emit(JSONRPCMessage message) {
      synchronized (events) {
        return events.tryEmitNext(message).isSuccess();
      }
    }

    void complete() {
      synchronized (events) {
        events.tryEmitComplete();
      }
    }
  }
}
