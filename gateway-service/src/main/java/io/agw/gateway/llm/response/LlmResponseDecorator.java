package io.agw.gateway.llm.response;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.StreamAllowance;
import io.agw.gateway.llm.call.LlmErrors;
import io.agw.gateway.llm.guard.AnswerStreamGuard;
import io.agw.gateway.llm.guard.PromptGuards;
import io.agw.gateway.llm.guard.Rejection;
import io.agw.gateway.llm.provider.ClientErrors;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Translates the upstream's response on its way to the client. Event streams are translated piece
 * by piece as they arrive (each upstream buffer in, the SSE text it completes out, flushed at
 * once); a stream cut by the upstream ends with an error event in the client's format. Non-stream
 * bodies and error bodies are small and are translated whole, and then pass the route's response
 * guards (masked, or replaced by the guard's rejection). Records usage and the time to first output
 * on the {@link LlmCall}. One instance per exchange.
 */
public final class LlmResponseDecorator extends ServerHttpResponseDecorator {

  private static final Logger log = LoggerFactory.getLogger(LlmResponseDecorator.class);

  /** The binary AWS event stream of Bedrock's ConverseStream. */
  private static final MediaType AWS_EVENT_STREAM =
      MediaType.parseMediaType("application/vnd.amazon.eventstream");

  /**
   * What to translate, filled in by the request filter once it knows; Spring Cloud Gateway writes
   * the response through the exchange it saw before the request filter ran, so the decorator has to
   * be in place first and learn its task later.
   */
  public static final class Slot {
    /** The exchange attribute holding the slot. */
    public static final String ATTRIBUTE = Slot.class.getName();

    private final Map<String, Object> attributes;
    private volatile Task task;

    public Slot(Map<String, Object> attributes) {
      this.attributes = attributes;
    }

    /** The task, unless the gateway itself answered (a policy refusal after the request filter). */
    Task task() {
      return attributes.containsKey(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE) ? null : task;
    }

    /** The response guards of the request; null when its answer is not guarded. */
    PromptGuards.AnswerGuards guards() {
      return (PromptGuards.AnswerGuards) attributes.get(PromptGuards.ATTRIBUTE);
    }

    /** The translation of the attempt whose response is about to be written. */
    public void set(
        Translation translation, StreamTranslator stream, LlmCall call, Dialect client) {
      task = new Task(translation, stream, call, client);
    }

    /** What may end a streamed answer early (a budget); null when nothing does. */
    StreamAllowance allowance() {
      return (StreamAllowance) attributes.get(StreamAllowance.ATTRIBUTE);
    }

    /** Lets the next write through untouched (an error the gateway wrote itself). */
    public void clear() {
      task = null;
    }
  }

  private record Task(
      Translation translation, StreamTranslator stream, LlmCall call, Dialect client) {}

  private final Slot slot;
  private final Sinks.One<Boolean> upstreamCut = Sinks.one();
  private volatile boolean connectionFailed;
  private Translation translation;
  private StreamTranslator stream;
  private LlmCall call;
  private Dialect client;

  /** Whether the last whole body was a translated answer (not an error), which guards read. */
  private boolean answerTranslated;

  /** The stream's output-token estimate already added to the call (one subscriber writes it). */
  private long streamedReported;

  LlmResponseDecorator(ServerHttpResponse delegate, Slot slot) {
    super(delegate);
    this.slot = slot;
  }

  /** Takes the task from the slot; false when there is nothing to translate. */
  private boolean ready() {
    Task task = slot.task();
    if (task == null) {
      return false;
    }
    translation = task.translation();
    stream = task.stream();
    call = task.call();
    client = task.client();
    return true;
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    if (!ready()) {
      return super.writeWith(body);
    }
    if (isEventStream() && isSuccess()) {
      return writeStream(Flux.from(body));
    }
    return writeWhole(body);
  }

  private Mono<Void> writeWhole(Publisher<? extends DataBuffer> body) {
    return DataBufferUtils.join(Flux.from(body))
        .map(
            joined -> {
              byte[] bytes = new byte[joined.readableByteCount()];
              joined.read(bytes);
              DataBufferUtils.release(joined);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .flatMap(this::guarded)
        .doOnNext(bytes -> call.appendCompletion(new String(bytes, StandardCharsets.UTF_8)))
        .flatMap(bytes -> super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
  }

  /** The translated answer after the response guards: masked, or replaced by the rejection. */
  private Mono<byte[]> guarded(byte[] upstream) {
    byte[] out = whole(upstream);
    PromptGuards.AnswerGuards guards = slot.guards();
    HttpStatusCode status = getStatusCode();
    if (guards == null || !answerTranslated || (status != null && !status.is2xxSuccessful())) {
      return Mono.just(out);
    }
    return guards
        .guards()
        .onAnswer(out, call.api(), guards.context())
        .map(
            guarded -> {
              if (guarded.rejection() == null) {
                getHeaders().setContentLength(guarded.body().length);
                return guarded.body();
              }
              // The client never receives the answer a response guard rejected.
              Rejection rejected = guarded.rejection();
              byte[] body = rejected.body(client);
              setStatusCode(HttpStatusCode.valueOf(rejected.status()));
              rejected.headers(getHeaders(), body.length);
              return body;
            });
  }

  @Override
  public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
    if (!ready()) {
      return super.writeAndFlushWith(body);
    }
    Flux<DataBuffer> flat = Flux.from(body).concatMap(Flux::from);
    if (isEventStream() && isSuccess()) {
      return writeStream(flat);
    }
    return writeWhole(flat);
  }

  private boolean isSuccess() {
    HttpStatusCode status = getStatusCode();
    return status == null || status.is2xxSuccessful();
  }

  private boolean isEventStream() {
    MediaType type = getHeaders().getContentType();
    return stream != null
        && type != null
        && (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)
            || AWS_EVENT_STREAM.isCompatibleWith(type));
  }

  private byte[] whole(byte[] upstream) {
    HttpStatusCode status = getStatusCode();
    int code = status == null ? 200 : status.value();
    byte[] out;
    answerTranslated = false;
    try {
      if (code >= 400) {
        call.error(Integer.toString(code));
        out = translation.error(code, upstream);
      } else {
        out = translation.response(upstream, call);
        answerTranslated = true;
      }
    } catch (RuntimeException e) {
      // A body the mappers cannot read is the upstream's fault; the client gets a clean 502.
      log.warn("cannot translate the LLM provider's response ({}): {}", code, e.toString());
      setStatusCode(HttpStatusCode.valueOf(502));
      out = LlmErrors.body(client, 502, "the LLM provider sent a response the gateway cannot read");
    }
    HttpHeaders headers = getHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setContentLength(out.length);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    return out;
  }

  /**
   * Signals once a stream whose upstream connection failed has been ended for the client (its error
   * event written). Reactor Netty never completes the trailers of a connection reset by the peer,
   * and Spring Cloud Gateway's response writer waits for them after the body, so the exchange would
   * stay open until the client gave up; {@link LlmResponseFilter} stops waiting on this signal.
   */
  Mono<Boolean> upstreamCut() {
    return upstreamCut.asMono();
  }

  private Mono<Void> writeStream(Flux<DataBuffer> upstream) {
    return super.writeAndFlushWith(translateStream(upstream).map(Flux::just))
        .doOnSuccess(
            done -> {
              if (connectionFailed) {
                upstreamCut.tryEmitValue(true);
              }
            });
  }

  private Flux<DataBuffer> translateStream(Flux<DataBuffer> upstream) {
    getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    // Bedrock streams binary event-stream frames; the client always gets SSE.
    getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
    Flux<String> translated =
        upstream
            .concatMapIterable(
                buffer -> {
                  byte[] bytes = new byte[buffer.readableByteCount()];
                  buffer.read(bytes);
                  DataBufferUtils.release(buffer);
                  return stream.onBytes(bytes);
                })
            .concatWith(Flux.defer(() -> Flux.fromIterable(stream.onEnd())));
    PromptGuards.AnswerGuards guards = slot.guards();
    AnswerStreamGuard guard =
        guards == null ? null : guards.guards().streamGuard(call.api(), guards.context());
    if (guard != null) {
      // A rejection ends the stream after its error event; the upstream is cancelled.
      translated = guard.guard(translated);
    }
    StreamAllowance allowance = slot.allowance();
    if (allowance != null) {
      translated = limited(translated, allowance);
    }
    return translated
        .onErrorResume(
            e -> {
              log.warn("LLM stream from the provider failed: {}", e.toString());
              call.error("stream_failed");
              connectionFailed = true;
              return Mono.just(stream.onFailure(e));
            })
        .filter(text -> !text.isEmpty())
        .map(
            text -> {
              call.firstOutput(System.nanoTime());
              call.appendCompletion(text);
              long streamed = stream.streamedOutputTokens();
              if (streamed > streamedReported) {
                call.addStreamedOutputTokens(streamed - streamedReported);
                streamedReported = streamed;
              }
              return bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
            })
        .doOnTerminate(() -> call.usage(stream.usage()))
        .doOnCancel(() -> call.usage(stream.usage()));
  }

  /**
   * Ends the stream with an error event once {@code allowance} says so; the text that crossed the
   * limit is still sent (the provider has produced it and it is paid for).
   */
  private Flux<String> limited(Flux<String> translated, StreamAllowance allowance) {
    String[] end = new String[1];
    return translated
        .concatMap(
            text ->
                allowance
                    .check()
                    .map(
                        reason -> {
                          call.error("stream_limited");
                          end[0] = ClientErrors.streamEvent(client, "rate_limit_error", reason);
                          return Flux.just(text, end[0]);
                        })
                    .defaultIfEmpty(Flux.just(text))
                    .flatMapMany(f -> f))
        .takeUntil(text -> text == end[0]);
  }
}
