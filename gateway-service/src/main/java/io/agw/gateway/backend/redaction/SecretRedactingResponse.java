package io.agw.gateway.backend.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cleans what an upstream (an LLM provider, a backend with {@code backendAuth}) answers of the
 * credentials the gateway sent it ({@link UpstreamSecrets}), before anything else reads it: the
 * body of error responses (status 400 and above), which upstreams fill with the rejected key or the
 * request they received (the upstream's headers are cleaned by {@link
 * UpstreamHeadersRedactionFilter}). Successful bodies pass untouched: upstreams do not echo
 * credentials in them, and a stream would have to be held back across chunk boundaries to be
 * searched. Error bodies are small and read whole. One instance per exchange.
 */
public final class SecretRedactingResponse extends ServerHttpResponseDecorator {

  private final Map<String, Object> attributes;

  /**
   * @param attributes the exchange's attributes, where the dispatch records the secrets it sent
   */
  public SecretRedactingResponse(ServerHttpResponse delegate, Map<String, Object> attributes) {
    super(delegate);
    this.attributes = attributes;
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    SecretRedactor redactor = UpstreamSecrets.of(attributes);
    if (redactor.isEmpty()) {
      return super.writeWith(body);
    }
    return isError()
        ? super.writeWith(redactBody(Flux.from(body), redactor))
        : super.writeWith(body);
  }

  @Override
  public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
    SecretRedactor redactor = UpstreamSecrets.of(attributes);
    if (redactor.isEmpty()) {
      return super.writeAndFlushWith(body);
    }
    if (!isError()) {
      return super.writeAndFlushWith(body);
    }
    return super.writeWith(redactBody(Flux.from(body).concatMap(Flux::from), redactor));
  }

  private boolean isError() {
    HttpStatusCode status = getStatusCode();
    return status != null && status.value() >= 400;
  }

  private Mono<DataBuffer> redactBody(Flux<? extends DataBuffer> body, SecretRedactor redactor) {
    return DataBufferUtils.join(body)
        .map(
            joined -> {
              byte[] bytes = new byte[joined.readableByteCount()];
              joined.read(bytes);
              DataBufferUtils.release(joined);
              String text = new String(bytes, StandardCharsets.UTF_8);
              String clean = redactor.redact(text);
              if (clean.equals(text)) {
                return bufferFactory().wrap(bytes);
              }
              byte[] out = clean.getBytes(StandardCharsets.UTF_8);
              if (getHeaders().getContentLength() >= 0) {
                getHeaders().setContentLength(out.length);
              }
              return bufferFactory().wrap(out);
            });
  }
}
