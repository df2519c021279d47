package io.agw.gateway.mcp.transport;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.mcp.federation.Federation.Visibility;
import io.agw.gateway.mcp.federation.McpDispatcher;
import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.guard.McpGuardrails;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.session.ClientSession;
import io.agw.gateway.mcp.session.ClientSessions;
import io.agw.gateway.mcp.telemetry.McpMetrics;
import io.agw.gateway.mcp.upstream.UpstreamCall;
import io.agw.gateway.security.AuthorizationRules;
import io.agw.gateway.telemetry.McpCall;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway as an MCP server over Streamable HTTP, for a route whose chosen backend is {@code
 * mcp}: POST carries one JSON-RPC message (a request is answered as JSON, or as an SSE stream when
 * something comes before its response), GET opens the session's stream of server messages, DELETE
 * ends a session. Only the HTTP framing is here: sessions, relaying and dispatch are in {@link
 * ClientSession}. The route's request never goes upstream as HTTP; the answer is written here.
 *
 * <p>Hand-written rather than built on the SDK's WebFlux server transport: that transport hands
 * messages to an SDK {@code McpServer} with its own in-memory session registry, whereas the gateway
 * relays raw JSON-RPC to several servers and keeps its session in the session id itself so that any
 * replica can serve it. Parsing and the message types are the SDK's. Immutable; thread-safe.
 */
public final class McpServerFilter implements GatewayFilter {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";

  /** A JSON-RPC message larger than this is refused; tool arguments are small. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Methods named in metrics; anything else is counted as {@code other}. */
  private static final Set<String> KNOWN_METHODS =
      Set.of(
          McpSchema.METHOD_INITIALIZE,
          McpSchema.METHOD_PING,
          McpSchema.METHOD_TOOLS_LIST,
          McpSchema.METHOD_TOOLS_CALL,
          McpSchema.METHOD_PROMPT_LIST,
          McpSchema.METHOD_PROMPT_GET,
          McpSchema.METHOD_RESOURCES_LIST,
          McpSchema.METHOD_RESOURCES_READ,
          McpSchema.METHOD_RESOURCES_TEMPLATES_LIST,
          McpSchema.METHOD_RESOURCES_SUBSCRIBE,
          McpSchema.METHOD_RESOURCES_UNSUBSCRIBE,
          McpSchema.METHOD_COMPLETION_COMPLETE,
          McpSchema.METHOD_LOGGING_SET_LEVEL);

  private final AuthorizationRules rules;
  private final McpGuardrails guardrails;
  private final McpMetrics metrics;
  private final ClientSessions clients;
  private final LegacySseTransport legacy;

  public McpServerFilter(
      AuthorizationRules rules,
      McpGuardrails guardrails,
      McpMetrics metrics,
      ClientSessions clients,
      LegacySseTransport legacy) {
    this.rules = rules;
    this.guardrails = guardrails;
    this.metrics = metrics;
    this.clients = clients;
    this.legacy = legacy;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Backend chosen = exchange.getAttribute(Backend.ATTRIBUTE);
    McpService service = chosen == null ? null : chosen.runtime(McpService.class);
    if (service == null) {
      return chain.filter(exchange);
    }
    // The messages sent to targets while serving this request carry this caller's credentials.
    return serve(exchange, service)
        .contextWrite(UpstreamCall.context(new UpstreamCall(exchange, service.credentials())));
  }

  private Mono<Void> serve(ServerWebExchange exchange, McpService service) {
    HttpMethod method = exchange.getRequest().getMethod();
    if (method == HttpMethod.POST) {
      return post(exchange, service);
    }
    if (LegacySseTransport.opensStream(exchange)) {
      return legacy.open(exchange, service);
    }
    if (method == HttpMethod.GET) {
      return stream(exchange, service);
    }
    if (method == HttpMethod.DELETE) {
      return delete(exchange, service);
    }
    exchange.getResponse().getHeaders().set("Allow", "GET, POST, DELETE");
    return McpHttp.error(exchange, HttpStatus.METHOD_NOT_ALLOWED, "use POST, GET or DELETE");
  }

  private Mono<Void> post(ServerWebExchange exchange, McpService service) {
    return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
        .map(
            b -> {
              byte[] bytes = new byte[b.readableByteCount()];
              b.read(bytes);
              DataBufferUtils.release(b);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .flatMap(
            bytes -> {
              String text;
              try {
                // Strict: bytes that are not UTF-8 are refused, not replaced and forwarded.
                text =
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
              } catch (CharacterCodingException e) {
                return McpHttp.rejection(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    ErrorCodes.PARSE_ERROR,
                    "the message is not valid UTF-8");
              }
              return message(exchange, service, text);
            })
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                McpHttp.rejection(
                    exchange,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    ErrorCodes.INVALID_REQUEST,
                    "the message is larger than " + MAX_BODY_BYTES + " bytes"));
  }

  private Mono<Void> message(ServerWebExchange exchange, McpService service, String text) {
    if (text.strip().startsWith("[")) {
      return McpHttp.rejection(
          exchange,
          HttpStatus.BAD_REQUEST,
          ErrorCodes.INVALID_REQUEST,
          "JSON-RPC batches are not supported");
    }
    JSONRPCMessage message;
    try {
      message = McpJson.parse(text);
    } catch (IOException | IllegalArgumentException e) {
      return McpHttp.rejection(
          exchange,
          HttpStatus.BAD_REQUEST,
          ErrorCodes.PARSE_ERROR,
          "Parse error: not a JSON-RPC message");
    }
    String channel = LegacySseTransport.postedChannel(exchange);
    if (channel != null) {
      return legacyMessage(exchange, service, channel, message);
    }
    if (message instanceof JSONRPCRequest request
        && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
      return initialize(exchange, service, request);
    }
    Optional<Mono<Void>> refused = checkSession(exchange, service);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<ClientSession> session = session(exchange, service);
    if (session.isEmpty()) {
      return sessionNotFound(exchange);
    }
    if (!(message instanceof JSONRPCRequest request)) {
      // Notifications and answers to the servers' requests: relayed, nothing to send back.
      return session
          .get()
          .handle(message, new ClientSession.Context(Visibility.ALL, false, null))
          .then(
              Mono.defer(
                  () -> {
                    exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED);
                    return exchange.getResponse().setComplete();
                  }));
    }
    return request(exchange, session.get(), request);
  }

  private Mono<Void> initialize(
      ServerWebExchange exchange, McpService service, JSONRPCRequest request) {
    long start = System.nanoTime();
    McpCall call = McpCall.start(exchange, request.method(), request.id());
    Map<String, Object> params = McpJson.object(request.params());
    String version = McpService.negotiate(McpJson.string(params, "protocolVersion"));
    Session state =
        SessionCodec.newSession(
            version,
            McpJson.object(params.get("capabilities")),
            McpJson.object(params.get("clientInfo")));
    ClientSession session =
        service.stateless() ? ClientSession.stateless(service) : clients.open(service, state);
    return session
        .connect()
        .map(up -> McpDispatcher.result(request.id(), service.initializeResult(version, up)))
        .onErrorResume(
            e -> {
              if (!service.stateless()) {
                // The client gets no session id: nothing would ever use or close this session.
                clients.discard(service, state);
              }
              return Mono.just(
                  McpDispatcher.error(request.id(), ErrorCodes.INTERNAL_ERROR, e.getMessage()));
            })
        .flatMap(
            response -> {
              boolean ok = response.error() == null;
              record(request.method(), response, start, call);
              if (ok && !service.stateless()) {
                exchange
                    .getResponse()
                    .getHeaders()
                    .set(SESSION_HEADER, service.sessions().encode(session.state()));
              }
              return McpHttp.json(exchange, HttpStatus.OK, response);
            });
  }

  /**
   * Answers a request lazily: as JSON when its response is the first message ready, as an SSE
   * stream when a notification or a server request comes first (only offered to clients that accept
   * {@code text/event-stream}). A client that ranks {@code text/event-stream} above JSON in its
   * {@code Accept} always gets a stream.
   */
  private Mono<Void> request(
      ServerWebExchange exchange, ClientSession session, JSONRPCRequest request) {
    long start = System.nanoTime();
    McpCall call = McpCall.start(exchange, request.method(), request.id());
    ClientSession.Context context =
        new ClientSession.Context(
            visibility(exchange),
            McpHttp.acceptsEventStream(exchange),
            call,
            guardrails,
            GuardDecisions.of(exchange.getAttributes()));
    Flux<JSONRPCMessage> answer =
        session
            .handle(request, context)
            .doOnNext(
                m -> {
                  if (m instanceof JSONRPCResponse r) {
                    record(request.method(), r, start, call);
                  }
                });
    boolean stream = McpHttp.prefersEventStream(exchange);
    return answer
        .switchOnFirst(
            (first, all) -> {
              if (!stream && first.hasValue() && first.get() instanceof JSONRPCResponse r) {
                return McpHttp.json(exchange, HttpStatus.OK, r);
              }
              return McpHttp.events(exchange, all);
            })
        .then();
  }

  /**
   * A message posted to a legacy HTTP+SSE channel: accepted at once, answered on the channel's
   * stream (see {@link LegacySseTransport}).
   */
  private Mono<Void> legacyMessage(
      ServerWebExchange exchange, McpService service, String id, JSONRPCMessage message) {
    Optional<LegacySseChannel> channel = legacy.channel(id, service);
    if (channel.isEmpty()) {
      return sessionNotFound(exchange);
    }
    if (message instanceof JSONRPCRequest request) {
      long start = System.nanoTime();
      McpCall call = McpCall.start(exchange, request.method(), request.id());
      channel
          .get()
          .deliver(
              service,
              message,
              // The answer comes after the 202: response-phase decisions made once this exchange
              // is logged are not in its telemetry (see docs/guardrails.md).
              new ClientSession.Context(
                  visibility(exchange),
                  true,
                  call,
                  guardrails,
                  GuardDecisions.of(exchange.getAttributes())),
              r -> record(request.method(), r, start, call));
    } else {
      channel
          .get()
          .deliver(
              service, message, new ClientSession.Context(Visibility.ALL, false, null), r -> {});
    }
    exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED);
    return exchange.getResponse().setComplete();
  }

  /** The client session of a request; a stateless backend gets a fresh one per request. */
  private Optional<ClientSession> session(ServerWebExchange exchange, McpService service) {
    if (service.stateless()) {
      return Optional.of(ClientSession.stateless(service));
    }
    String id = exchange.getRequest().getHeaders().getFirst(SESSION_HEADER);
    return service.sessions().decode(id).flatMap(s -> clients.find(service, s));
  }

  private static Mono<Void> sessionNotFound(ServerWebExchange exchange) {
    return McpHttp.rejection(
        exchange, HttpStatus.NOT_FOUND, ErrorCodes.INVALID_REQUEST, "Session not found");
  }

  private Mono<Void> stream(ServerWebExchange exchange, McpService service) {
    if (service.stateless()) {
      exchange.getResponse().getHeaders().set("Allow", "POST");
      return McpHttp.error(
          exchange, HttpStatus.METHOD_NOT_ALLOWED, "this MCP server is stateless: use POST");
    }
    Optional<Mono<Void>> refused = checkSession(exchange, service);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!McpHttp.acceptsEventStream(exchange)) {
      return McpHttp.error(exchange, HttpStatus.NOT_ACCEPTABLE, "accept text/event-stream");
    }
    Optional<ClientSession> session = session(exchange, service);
    if (session.isEmpty()) {
      return sessionNotFound(exchange);
    }
    return McpHttp.events(exchange, session.get().outbound());
  }

  private Mono<Void> delete(ServerWebExchange exchange, McpService service) {
    if (service.stateless()) {
      exchange.getResponse().getHeaders().set("Allow", "POST");
      return McpHttp.error(
          exchange, HttpStatus.METHOD_NOT_ALLOWED, "this MCP server is stateless: use POST");
    }
    Optional<Mono<Void>> refused = checkSession(exchange, service);
    if (refused.isPresent()) {
      return refused.get();
    }
    String id = exchange.getRequest().getHeaders().getFirst(SESSION_HEADER);
    service.sessions().decode(id).ifPresent(s -> clients.delete(service, s));
    exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
    return exchange.getResponse().setComplete();
  }

  /** An error response when the request's session or protocol version is not acceptable. */
  private static Optional<Mono<Void>> checkSession(ServerWebExchange exchange, McpService service) {
    String version = exchange.getRequest().getHeaders().getFirst(VERSION_HEADER);
    if (version != null && !McpService.PROTOCOL_VERSIONS.contains(version)) {
      return Optional.of(
          McpHttp.rejection(
              exchange,
              HttpStatus.BAD_REQUEST,
              ErrorCodes.INVALID_REQUEST,
              "Unsupported protocol version: " + version));
    }
    if (service.stateless()) {
      return Optional.empty();
    }
    String id = exchange.getRequest().getHeaders().getFirst(SESSION_HEADER);
    if (id == null) {
      return Optional.of(
          McpHttp.rejection(
              exchange,
              HttpStatus.BAD_REQUEST,
              ErrorCodes.INVALID_REQUEST,
              "Bad Request: Mcp-Session-Id header is required"));
    }
    Optional<Session> session = service.sessions().decode(id);
    if (session.isEmpty()) {
      return Optional.of(
          McpHttp.rejection(
              exchange, HttpStatus.NOT_FOUND, ErrorCodes.INVALID_REQUEST, "Session not found"));
    }
    return Optional.empty();
  }

  private Visibility visibility(ServerWebExchange exchange) {
    if (rules == null) {
      return Visibility.ALL;
    }
    // The targets' lists are filtered concurrently, and the rules read the mcp variable from an
    // exchange attribute: one evaluation at a time per exchange.
    Object lock = new Object();
    return (item, target, name) -> {
      synchronized (lock) {
        exchange
            .getAttributes()
            .put(
                CelContext.MCP_ATTRIBUTE,
                Map.of(item.variable(), Map.of("target", target, "name", name)));
        try {
          return rules.allowed(CelContext.request(exchange, null));
        } finally {
          exchange.getAttributes().remove(CelContext.MCP_ATTRIBUTE);
        }
      }
    };
  }

  private void record(String method, JSONRPCResponse response, long start, McpCall call) {
    call.answered(response);
    metrics.record(
        KNOWN_METHODS.contains(method) ? method : "other",
        response.error() == null,
        System.nanoTime() - start);
  }

  @Override
  public String toString() {
    return "McpServer[rules=" + rules + ", guardrails=" + guardrails + "]";
  }
}
