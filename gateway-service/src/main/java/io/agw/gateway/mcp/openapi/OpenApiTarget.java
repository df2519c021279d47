package io.agw.gateway.mcp.openapi;

import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.agw.model.resource.v1.McpHttpTarget;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * One configured OpenAPI target, read once: its tools and where they are called. Each {@link
 * #newTransport()} is a fresh MCP "connection" to it, answered in-process; all of them share the
 * target's HTTP client. Immutable and thread-safe.
 */
public final class OpenApiTarget {

  private static final Logger log = LoggerFactory.getLogger(OpenApiTarget.class);

  private static final String ACCEPT = "application/json, */*;q=0.8";

  private final String title;
  private final String version;
  private final OpenApiTools tools;
  private final Map<String, ToolBinding> byName;
  private final ServerAddress address;
  private final HttpClient client;
  private final Duration callTimeout;

  private OpenApiTarget(
      OpenAPI document, ServerAddress address, HttpClient client, Duration callTimeout) {
    this.title = OpenApiDocument.title(document);
    this.version =
        document.getInfo() != null && document.getInfo().getVersion() != null
            ? document.getInfo().getVersion()
            : "0";
    this.tools = OpenApiToolMapper.map(document);
    this.byName = tools.byName();
    this.address = address;
    this.client = client;
    this.callTimeout = callTimeout;
    tools.skipped().forEach(s -> log.warn("OpenAPI target {}: operation left out: {}", address, s));
  }

  /**
   * Reads the target's document. {@code client} must already carry the TLS settings the server
   * needs (see {@link #defaultClient(McpHttpTarget)}). A call whose response has not fully arrived
   * after {@code callTimeout} is abandoned (its connection closed) and answered with a tool error.
   *
   * @throws OpenApiException when the document cannot be read or mapped
   */
  public static OpenApiTarget load(
      McpOpenApiTarget config, HttpClient client, Duration callTimeout) {
    OpenAPI document = OpenApiDocument.load(config.getSchema());
    return of(document, config.getServer(), client, callTimeout);
  }

  public static OpenApiTarget of(
      OpenAPI document, McpHttpTarget server, HttpClient client, Duration callTimeout) {
    return new OpenApiTarget(document, ServerAddress.of(server, document), client, callTimeout);
  }

  /** A client for {@code server}: plain, or TLS with the JVM's trust store. */
  public static HttpClient defaultClient(McpHttpTarget server) {
    HttpClient client = HttpClient.create();
    return server.getTls() ? client.secure() : client;
  }

  /** A new in-process MCP connection to this target. */
  public UpstreamTransport newTransport() {
    return new OpenApiTransport(new OpenApiRpcHandler(this));
  }

  public OpenApiTools tools() {
    return tools;
  }

  public ServerAddress address() {
    return address;
  }

  String title() {
    return title;
  }

  String version() {
    return version;
  }

  ToolBinding tool(String name) {
    return byName.get(name);
  }

  /**
   * Calls the operation behind {@code tool}. Never fails: bad arguments, an unreachable API and
   * error statuses are all tool results with {@code isError}, which the model can act upon.
   */
  Mono<CallToolResult> call(ToolBinding tool, Map<String, Object> arguments) {
    HttpCall call;
    try {
      call = OpenApiRequestMapper.request(tool, arguments, address.basePath());
    } catch (OpenApiRequestMapper.InvalidArgumentsException e) {
      return Mono.just(OpenApiResultMapper.failure("Invalid arguments: " + e.getMessage()));
    }
    HttpClient.RequestSender sender =
        client
            .headers(
                h -> {
                  h.set("Accept", ACCEPT);
                  call.headers().forEach(e -> h.add(e.getKey(), e.getValue()));
                  if (call.contentType() != null) {
                    h.set("Content-Type", call.contentType());
                  }
                })
            .request(HttpMethod.valueOf(call.method()))
            .uri(address.origin() + call.pathAndQuery());
    HttpClient.ResponseReceiver<?> receiver =
        call.body() == null
            ? sender
            : sender.send(
                ByteBufFlux.fromString(
                    Mono.just(call.body()), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT));
    return receiver
        .responseSingle(
            (response, content) ->
                content
                    .asByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(
                        bytes ->
                            OpenApiResultMapper.result(
                                response.status().code(),
                                response.responseHeaders().get("Content-Type"),
                                bytes)))
        .timeout(callTimeout)
        .onErrorResume(
            TimeoutException.class,
            e ->
                Mono.just(
                    OpenApiResultMapper.failure(
                        "The API at "
                            + address
                            + " did not answer within "
                            + callTimeout.toMillis()
                            + " ms")))
        .onErrorResume(
            e ->
                Mono.just(
                    OpenApiResultMapper.failure(
                        "The API at " + address + " cannot be reached: " + e.getMessage())));
  }
}
