package io.agw.gateway.extproc;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.http.RequestBodies;
import io.agw.model.resource.v1.ExtProcProcessingOptions.BodyMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.util.Arrays;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response phases of one exchange, run when the response is written: response headers, then the
 * body as {@code responseBodyMode} says (response trailers never reach the gateway through its HTTP
 * stack, so none are sent). With {@code none} the body is passed through as it is written, so a
 * streamed response (SSE) keeps streaming; full duplex streams it through the service chunk by
 * chunk, flushing each chunk when the writer flushes. The gateway's own answers (a later policy's
 * refusal, an error) are not processed, as agentgateway processes only upstream responses. Fails
 * with {@link ImmediateAnswer} or {@link ProcessorFailure} before anything was sent to the client,
 * for the filter to answer. One instance per exchange.
 */
final class ProcessedResponse extends ServerHttpResponseDecorator {

  private final ServerWebExchange exchange;
  private final ProcessorCall call;
  private final ProcessingStream stream;

  ProcessedResponse(ServerWebExchange exchange, ProcessorCall call, ProcessingStream stream) {
    super(exchange.getResponse());
    this.exchange = exchange;
    this.call = call;
    this.stream = stream;
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    return respond(Flux.just(body), false);
  }

  @Override
  public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
    return respond(Flux.from(body), true);
  }

  private Mono<Void> respond(
      Flux<? extends Publisher<? extends DataBuffer>> body, boolean flushEach) {
    ServerHttpResponse out = getDelegate();
    if (Boolean.TRUE.equals(exchange.getAttribute(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE))) {
      // As agentgateway: the service processes responses from the upstream, not the gateway's own.
      stream.finish();
      return flushEach ? out.writeAndFlushWith(body) : out.writeWith(body.concatMap(p -> p));
    }
    boolean hasBody = hasBody(out);
    BodyMode mode = hasBody ? call.options.getResponseBodyMode() : BodyMode.NONE;
    boolean sendHeaders = !call.options.getSkipResponseHeaders();
    Side side = side(out);
    if (sendHeaders) {
      int status = out.getStatusCode() == null ? 200 : out.getStatusCode().value();
      side.headers(
          HeaderMaps.of(out.getHeaders(), Map.of(":status", Integer.toString(status))), !hasBody);
    }
    Flux<DataBuffer> flat = body.concatMap(p -> p);
    return switch (mode) {
      case NONE ->
          headersAnswer(sendHeaders, true)
              .then(
                  Mono.defer(() -> flushEach ? out.writeAndFlushWith(body) : out.writeWith(flat)));
      case FULL_DUPLEX_STREAMED, UNRECOGNIZED -> {
        reactor.core.Disposable pump = BodyStreams.send(flat, side, stream, () -> {});
        yield headersAnswer(sendHeaders, false)
            .then(
                Mono.defer(
                    () -> {
                      out.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
                      Flux<DataBuffer> processed =
                          BodyStreams.receive(stream::nextForResponse, out.bufferFactory());
                      return flushEach
                          ? out.writeAndFlushWith(processed.map(Mono::just))
                          : out.writeWith(processed);
                    }))
            .doFinally(
                signal -> {
                  if (signal != reactor.core.publisher.SignalType.ON_COMPLETE) {
                    pump.dispose();
                  }
                });
      }
      case BUFFERED, BUFFERED_PARTIAL ->
          headersAnswer(sendHeaders, true)
              .then(buffered(flat, side, mode == BodyMode.BUFFERED_PARTIAL));
    };
  }

  private Mono<Void> buffered(Flux<DataBuffer> body, Side side, boolean partial) {
    ServerHttpResponse out = getDelegate();
    return DataBufferUtils.join(body, RequestBodies.MAX_BYTES)
        .map(BodyStreams::bytes)
        .defaultIfEmpty(new byte[0])
        .flatMap(
            all -> {
              int limit = partial ? RequestPhase.PARTIAL_LIMIT : all.length;
              boolean whole = all.length <= limit;
              byte[] sent = whole ? all : Arrays.copyOf(all, limit);
              side.body(sent, whole);
              return timed(stream.nextForResponse())
                  .flatMap(
                      answer -> {
                        byte[] changed = Answers.buffered(answer, sent);
                        apply(Answers.common(answer));
                        byte[] next = changed;
                        if (!whole) {
                          next = Arrays.copyOf(changed, changed.length + all.length - limit);
                          System.arraycopy(all, limit, next, changed.length, all.length - limit);
                        }
                        out.getHeaders().setContentLength(next.length);
                        byte[] written = next;
                        return out.writeWith(
                            Mono.fromSupplier(() -> out.bufferFactory().wrap(written)));
                      });
            });
  }

  private Mono<Void> headersAnswer(boolean sent, boolean bounded) {
    if (!sent) {
      return Mono.empty();
    }
    Mono<ProcessingResponse> answer = stream.nextForResponse();
    return (bounded ? timed(answer) : answer).doOnNext(a -> apply(Answers.headers(a))).then();
  }

  private void apply(CommonResponse common) {
    if (common.hasHeaderMutation()) {
      HttpHeaders headers = getDelegate().getHeaders();
      HeaderMaps.apply(
          common.getHeaderMutation(),
          headers,
          (name, value) -> {
            if (name.equals(":status")) {
              try {
                getDelegate().setStatusCode(HttpStatusCode.valueOf(Integer.parseInt(value)));
              } catch (IllegalArgumentException e) {
                // Not a status code: left as it is.
              }
            }
          });
    }
  }

  private Mono<ProcessingResponse> timed(Mono<ProcessingResponse> answer) {
    return answer.timeout(
        call.timeout,
        Mono.error(
            () ->
                new ProcessorFailure(
                    "the processing service did not answer within " + call.timeout)));
  }

  private Side side(ServerHttpResponse out) {
    CelContext cel =
        CelContext.response(
            exchange,
            RequestBodies.of(exchange),
            new CelContext.ResponseView(
                out.getStatusCode() == null ? 200 : out.getStatusCode().value(),
                out.getHeaders(),
                null));
    return new Side(stream, false, call.metadata(cel), call.responseAttributes(cel));
  }

  private boolean hasBody(ServerHttpResponse out) {
    HttpStatusCode status = out.getStatusCode();
    if (status != null
        && (status.is1xxInformational() || status.value() == 204 || status.value() == 304)) {
      return false;
    }
    return !HttpMethod.HEAD.equals(exchange.getRequest().getMethod())
        && out.getHeaders().getContentLength() != 0;
  }
}
