package io.agw.gateway.a2a;

import io.agw.gateway.a2a.CardRewrite.NotRewritten;
import io.agw.gateway.a2a.CardRewrite.Rewritten;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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

/**
 * The response to an agent-card GET: a successful JSON card is collected (it is small), rewritten
 * by {@link AgentCardRewriter} so that its interface URLs name the gateway, and written with a
 * corrected {@code Content-Length}.
 *
 * <p>Anything else passes through untouched: error statuses silently; a 2xx answer that is not
 * JSON, is compressed, is larger than {@link #MAX_CARD_BYTES} or cannot be rewritten with a warning
 * in the log. A card is never turned into an error. One instance per exchange.
 */
final class AgentCardResponse extends ServerHttpResponseDecorator {

  /** Cards larger than this are passed through unread. */
  static final int MAX_CARD_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(AgentCardResponse.class);

  private final AgentCardRewriter rewriter;
  private final PublicAddress address;
  private final Supplier<UpstreamBase> upstream;
  private final String where;

  /**
   * @param address where the client reached the route
   * @param upstream where the route sent the request, asked once the response has arrived (the
   *     backend is chosen after this decorator is installed); {@code null} when unknown
   * @param where the route and path, for log lines
   */
  AgentCardResponse(
      ServerHttpResponse delegate,
      AgentCardRewriter rewriter,
      PublicAddress address,
      Supplier<UpstreamBase> upstream,
      String where) {
    super(delegate);
    this.rewriter = rewriter;
    this.address = address;
    this.upstream = upstream;
    this.where = where;
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    HttpStatusCode status = getStatusCode();
    if (status != null && !status.is2xxSuccessful()) {
      return super.writeWith(body);
    }
    String refusal = refusal();
    UpstreamBase base = refusal == null ? upstream.get() : null;
    if (refusal == null && base == null) {
      refusal = "the upstream of the route is unknown";
    }
    if (refusal != null) {
      log.warn("agent card at {} passed through unchanged: {}", where, refusal);
      return super.writeWith(body);
    }
    // Collect up to the limit; past it, the groups become single buffers streamed through.
    AtomicLong size = new AtomicLong();
    AtomicBoolean tooLarge = new AtomicBoolean();
    Flux<List<DataBuffer>> groups =
        Flux.<DataBuffer>from(body)
            .bufferUntil(
                b ->
                    tooLarge.get()
                        || size.addAndGet(b.readableByteCount()) > MAX_CARD_BYTES
                            && tooLarge.compareAndSet(false, true));
    Flux<DataBuffer> out =
        groups.switchOnFirst(
            (first, rest) -> {
              if (first.hasValue() && !tooLarge.get()) {
                return rest.map(whole -> rewrite(whole, base));
              }
              if (tooLarge.get()) {
                log.warn(
                    "agent card at {} passed through unchanged: larger than {} bytes",
                    where,
                    MAX_CARD_BYTES);
              }
              return rest.flatMapIterable(group -> group);
            });
    return super.writeWith(out);
  }

  /** Why the body must not be read, or {@code null} when it may be. */
  private String refusal() {
    HttpHeaders headers = getHeaders();
    MediaType type = headers.getContentType();
    if (type == null || !isJson(type)) {
      return "the answer is not JSON (Content-Type " + type + ")";
    }
    String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      return "the answer is compressed (" + encoding + ")";
    }
    if (headers.getContentLength() > MAX_CARD_BYTES) {
      return "larger than " + MAX_CARD_BYTES + " bytes";
    }
    return null;
  }

  private static boolean isJson(MediaType type) {
    return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
  }

  private DataBuffer rewrite(List<DataBuffer> whole, UpstreamBase base) {
    DataBuffer joined = bufferFactory().join(whole);
    byte[] original = BoundedBytes.bytesOf(joined);
    DataBufferUtils.release(joined);
    CardRewrite result = rewriter.rewrite(original, address, base);
    byte[] bytes = original;
    if (result instanceof Rewritten rewritten) {
      bytes = rewriter.toBytes(rewritten.card());
      getHeaders().setContentLength(bytes.length);
      getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
      log.debug("agent card at {} rewritten: {}", where, rewritten.changes());
      if (!rewritten.skipped().isEmpty()) {
        log.warn("agent card at {}: URLs left unchanged: {}", where, rewritten.skipped());
      }
      if (rewritten.signaturesStale()) {
        log.warn(
            "agent card at {} carries signatures that no longer match the rewritten URLs", where);
      }
    } else if (result instanceof NotRewritten notRewritten) {
      log.warn("agent card at {} passed through unchanged: {}", where, notRewritten.reason());
    }
    return bufferFactory().wrap(bytes);
  }
}
