package io.agw.gateway.extproc;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelValues;
import io.agw.gateway.http.BufferLimit;
import io.agw.gateway.http.RequestBodies;
import io.agw.gateway.security.extauthz.ProtoStructs;
import io.agw.model.resource.v1.ExtProcProcessingOptions.BodyMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The request phases of one exchange: request headers, then the body as {@code requestBodyMode}
 * says (request trailers never reach the gateway through its HTTP stack, so none are sent). Emits
 * the exchange to continue with, changed by the service's answers; fails with {@link
 * ImmediateAnswer} when the service answers the client, with {@link ProcessorFailure} when it
 * fails. {@link #bodyUntouched()} says whether the client's body can still be sent as it came (the
 * condition for {@code failOpen}). One instance per exchange.
 */
final class RequestPhase {

  /** agentgateway's default buffer limit: the prefix {@code bufferedPartial} sends. */
  static final int PARTIAL_LIMIT = 2 * 1024 * 1024;

  private final ProcessorCall call;
  private final ProcessingStream stream;
  private final Side side;
  private volatile boolean bodyTaken;
  private volatile ServerWebExchange replay;
  private Disposable pump;

  RequestPhase(ProcessorCall call, ProcessingStream stream, Side side) {
    this.call = call;
    this.stream = stream;
    this.side = side;
  }

  Mono<ServerWebExchange> run(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    boolean hasBody = hasBody(request);
    boolean sendHeaders = !call.options.getSkipRequestHeaders();
    BodyMode mode = hasBody ? call.options.getRequestBodyMode() : BodyMode.NONE;
    if (sendHeaders) {
      side.headers(HeaderMaps.of(request.getHeaders(), pseudo(request)), !hasBody);
    }
    return switch (mode) {
      case FULL_DUPLEX_STREAMED, UNRECOGNIZED -> fullDuplex(exchange, sendHeaders);
      case NONE -> sendHeaders ? headersAnswer(exchange, true) : Mono.just(exchange);
      case BUFFERED, BUFFERED_PARTIAL ->
          (sendHeaders ? headersAnswer(exchange, true) : Mono.just(exchange))
              .flatMap(e -> buffered(e, mode == BodyMode.BUFFERED_PARTIAL));
    };
  }

  /** Whether the client's body can still be sent as it came (nothing streamed to the service). */
  boolean bodyUntouched() {
    return !bodyTaken;
  }

  /** The exchange to go on with unprocessed: the buffered one once the body was read. */
  ServerWebExchange unprocessed(ServerWebExchange original) {
    ServerWebExchange buffered = replay;
    return buffered != null ? buffered : original;
  }

  /** Stops sending the client's body to the service (the exchange is over). */
  void dispose() {
    Disposable p = pump;
    if (p != null) {
      p.dispose();
    }
  }

  // The service may hold its headers answer until it has the whole body, so the body is sent
  // without waiting (as agentgateway does) and that answer has no time limit.
  private Mono<ServerWebExchange> fullDuplex(ServerWebExchange exchange, boolean sendHeaders) {
    pump = BodyStreams.send(exchange.getRequest().getBody(), side, stream, () -> bodyTaken = true);
    Mono<ServerWebExchange> headed =
        sendHeaders ? headersAnswer(exchange, false) : Mono.just(exchange);
    return headed.map(
        e -> {
          Flux<DataBuffer> body =
              BodyStreams.receive(stream::nextForRequest, e.getResponse().bufferFactory());
          HttpHeaders headers = new HttpHeaders();
          headers.putAll(e.getRequest().getHeaders());
          headers.remove(HttpHeaders.CONTENT_LENGTH);
          headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
          ServerHttpRequest streamed =
              new ServerHttpRequestDecorator(e.getRequest()) {
                @Override
                public HttpHeaders getHeaders() {
                  return headers;
                }

                @Override
                public Flux<DataBuffer> getBody() {
                  return body;
                }
              };
          return e.mutate().request(streamed).build();
        });
  }

  private Mono<ServerWebExchange> buffered(ServerWebExchange exchange, boolean partial) {
    return RequestBodies.buffer(exchange)
        .flatMap(
            e -> {
              replay = e;
              byte[] body = RequestBodies.of(e);
              int limit = partial ? BufferLimit.of(e, PARTIAL_LIMIT) : body.length;
              boolean whole = body.length <= limit;
              byte[] sent = whole ? body : Arrays.copyOf(body, limit);
              side.body(sent, whole);
              return timed(stream.nextForRequest())
                  .map(
                      answer -> {
                        byte[] changed = Answers.buffered(answer, sent);
                        ServerWebExchange headed = applyHeaders(e, Answers.common(answer), answer);
                        if (changed == sent) {
                          return headed;
                        }
                        byte[] next = changed;
                        if (!whole) {
                          // bufferedPartial: the rest of the body follows the processed prefix.
                          next = Arrays.copyOf(changed, changed.length + body.length - limit);
                          System.arraycopy(body, limit, next, changed.length, body.length - limit);
                        }
                        return RequestBodies.replace(headed, next);
                      });
            });
  }

  private Mono<ServerWebExchange> headersAnswer(ServerWebExchange exchange, boolean bounded) {
    Mono<ProcessingResponse> answer = stream.nextForRequest();
    return (bounded ? timed(answer) : answer)
        .map(a -> applyHeaders(exchange, Answers.headers(a), a));
  }

  private Mono<ProcessingResponse> timed(Mono<ProcessingResponse> answer) {
    return answer.timeout(
        call.timeout,
        Mono.error(
            () ->
                new ProcessorFailure(
                    "the processing service did not answer within " + call.timeout)));
  }

  private ServerWebExchange applyHeaders(
      ServerWebExchange exchange, CommonResponse common, ProcessingResponse answer) {
    if (answer.hasDynamicMetadata()) {
      mergeMetadata(exchange, ProtoStructs.plain(answer.getDynamicMetadata()));
    }
    if (!common.hasHeaderMutation()) {
      return exchange;
    }
    ServerHttpRequest request = exchange.getRequest();
    URI[] uri = {request.getURI()};
    HttpMethod[] method = {request.getMethod()};
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(request.getHeaders());
    HeaderMaps.apply(
        common.getHeaderMutation(),
        headers,
        (name, value) -> {
          switch (name) {
            case ":path" ->
                uri[0] = URI.create(uri[0].getScheme() + "://" + uri[0].getRawAuthority() + value);
            case ":method" -> method[0] = HttpMethod.valueOf(value);
            case ":authority" -> headers.set(HttpHeaders.HOST, value);
            default -> {} // :scheme and unknown pseudo-headers: nothing to change here.
          }
        });
    ServerHttpRequest changed = request.mutate().uri(uri[0]).method(method[0]).build();
    return exchange
        .mutate()
        .request(
            new ServerHttpRequestDecorator(changed) {
              @Override
              public HttpHeaders getHeaders() {
                return headers;
              }
            })
        .build();
  }

  @SuppressWarnings("unchecked")
  private static void mergeMetadata(ServerWebExchange exchange, Map<String, Object> plain) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Object> earlier = exchange.getAttribute(CelContext.EXTPROC_ATTRIBUTE);
    if (earlier != null) {
      merged.putAll(earlier);
    }
    merged.putAll((Map<String, Object>) CelValues.fromPlain(plain));
    exchange.getAttributes().put(CelContext.EXTPROC_ATTRIBUTE, merged);
  }

  static boolean hasBody(ServerHttpRequest request) {
    HttpHeaders h = request.getHeaders();
    return h.getContentLength() > 0 || h.containsHeader(HttpHeaders.TRANSFER_ENCODING);
  }

  private static Map<String, String> pseudo(ServerHttpRequest request) {
    Map<String, String> pseudo = new LinkedHashMap<>();
    URI uri = request.getURI();
    pseudo.put(":method", request.getMethod().name());
    pseudo.put(
        ":path", uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    String host = request.getHeaders().getFirst(HttpHeaders.HOST);
    pseudo.put(":authority", host != null ? host : uri.getRawAuthority());
    pseudo.put(":scheme", uri.getScheme() == null ? "http" : uri.getScheme());
    return pseudo;
  }
}
