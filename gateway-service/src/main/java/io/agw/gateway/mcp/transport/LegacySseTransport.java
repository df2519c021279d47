package io.agw.gateway.mcp.transport;

import io.agw.gateway.mcp.federation.McpService;
import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.session.ClientSessions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The legacy HTTP+SSE transport (MCP 2024-11-05) for clients that do not speak Streamable HTTP,
 * beside it on the same route: {@code GET <path>/sse} (any path of the route ending in {@code
 * /sse}, without an {@code Mcp-Session-Id}) opens the client's event stream, whose first event
 * ({@code endpoint}) names the same path with {@code ?sessionId=<id>}; the client POSTs each
 * JSON-RPC message there, the POST is answered {@code 202 Accepted}, and everything the gateway
 * sends (responses, notifications, the servers' requests) arrives on the stream as {@code message}
 * events. Posting to the stream's own path keeps both on whatever route matched the stream.
 *
 * <p>A stream is held by one replica, and the channel ids are this replica's: the transport needs a
 * load balancer that sends a client's POSTs to the replica holding its stream (sticky sessions),
 * which is why Streamable HTTP replaced it. The MCP session behind a channel (see {@link
 * ClientSession}) opens with the client's {@code initialize} and ends when the stream closes.
 * Thread-safe.
 */
public final class LegacySseTransport {

  static final String STREAM_SUFFIX = "/sse";
  static final String CHANNEL_PARAMETER = "sessionId";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClientSessions clients;
  private final Map<String, LegacySseChannel> channels = new ConcurrentHashMap<>();

  public LegacySseTransport(ClientSessions clients) {
    this.clients = clients;
  }

  /** Whether the request opens a legacy event stream. */
  static boolean opensStream(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    return request.getMethod() == HttpMethod.GET
        && request.getPath().value().endsWith(STREAM_SUFFIX)
        && !request.getHeaders().containsHeader(McpServerFilter.SESSION_HEADER);
  }

  /** The channel a legacy message is posted to, or null when the request is not one. */
  static String postedChannel(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    if (request.getMethod() != HttpMethod.POST
        || !request.getPath().value().endsWith(STREAM_SUFFIX)
        || request.getHeaders().containsHeader(McpServerFilter.SESSION_HEADER)) {
      return null;
    }
    return request.getQueryParams().getFirst(CHANNEL_PARAMETER);
  }

  /** The open channel {@code id} of {@code service}'s backend. */
  Optional<LegacySseChannel> channel(String id, McpService service) {
    LegacySseChannel channel = id == null ? null : channels.get(id);
    return channel != null && channel.backendKey().equals(service.backendKey())
        ? Optional.of(channel)
        : Optional.empty();
  }

  /** Opens a client's event stream; the channel and its session end when the stream does. */
  Mono<Void> open(ServerWebExchange exchange, McpService service) {
    if (!McpHttp.acceptsEventStream(exchange)) {
      return McpHttp.error(exchange, HttpStatus.NOT_ACCEPTABLE, "accept text/event-stream");
    }
    String id = newId();
    LegacySseChannel channel = new LegacySseChannel(service, clients);
    channels.put(id, channel);
    String endpoint = exchange.getRequest().getPath().value() + "?" + CHANNEL_PARAMETER + "=" + id;
    return McpHttp.events(
            exchange,
            Flux.defer(
                () -> Flux.just(McpHttp.event(exchange.getResponse(), "endpoint", endpoint))),
            channel.messages())
        .doFinally(
            s -> {
              channels.remove(id);
              channel.close();
            });
  }

  /** How many streams are open on this replica (for tests and diagnostics). */
  int open() {
    return channels.size();
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The session a channel's {@code initialize} opens, for {@link ClientSessions}. */
  static Session newSession(String version, Map<String, Object> params) {
    return SessionCodec.newSession(
        version,
        McpJson.object(params.get("capabilities")),
        McpJson.object(params.get("clientInfo")));
  }
}
