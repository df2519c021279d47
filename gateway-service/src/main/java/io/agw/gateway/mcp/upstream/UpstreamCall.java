package io.agw.gateway.mcp.upstream;

import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The client request on whose behalf messages go to MCP targets, carried in the Reactor context
 * from the MCP server filter down to the transports, with the credentials of the backend that
 * request reached. A transport works out the credentials per call from it; a message sent outside
 * any client request (a reconnection, an answer to a server's request, the background streams)
 * carries the credentials of the last call.
 */
public record UpstreamCall(ServerWebExchange caller, TargetCredentials credentials) {

  private static final Object KEY = UpstreamCall.class;

  /** {@code call} in a Reactor context. */
  public static Context context(UpstreamCall call) {
    return Context.of(KEY, call);
  }

  /**
   * The credential headers for a message sent now: the current call's (remembered in {@code last}),
   * or, outside a call, {@code last}'s.
   */
  static Mono<HttpHeaders> headers(AtomicReference<HttpHeaders> last) {
    return Mono.deferContextual(
        ctx -> {
          UpstreamCall call = ctx.<UpstreamCall>getOrEmpty(KEY).orElse(null);
          if (call == null) {
            return Mono.just(last.get());
          }
          return call.credentials().headers(call.caller()).doOnNext(last::set);
        });
  }

  /**
   * For the SDK's HTTP+SSE client transport: every request it makes (the stream, each message) gets
   * the credentials of the call it is made for, those of the last call otherwise. One per
   * transport.
   */
  public static McpAsyncHttpClientRequestCustomizer sseCredentials() {
    AtomicReference<HttpHeaders> last = new AtomicReference<>(new HttpHeaders());
    return (builder, method, uri, body, context) -> headers(last).map(h -> apply(builder, h));
  }

  /** Adds {@code headers} to an upstream request. */
  static HttpRequest.Builder apply(HttpRequest.Builder builder, HttpHeaders headers) {
    headers.forEach((name, values) -> values.forEach(v -> builder.setHeader(name, v)));
    return builder;
  }
}
