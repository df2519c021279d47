package io.agw.gateway.llm.dispatch;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.backend.LlmProvider;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * The request as one attempt sends it to a provider: the client's request with new headers and,
 * when translated, the new body (sent again from the same bytes on every subscription, so that a
 * later attempt can resend). One instance per attempt.
 */
public final class UpstreamRequest extends ServerHttpRequestDecorator {

  private final HttpHeaders headers;
  private final byte[] body;

  UpstreamRequest(ServerHttpRequest delegate, HttpHeaders headers, byte[] body) {
    super(delegate);
    this.headers = headers;
    this.body = body;
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public Flux<DataBuffer> getBody() {
    if (body == null) {
      return super.getBody();
    }
    return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
  }

  /**
   * The headers sent to {@code provider}: the client's, minus its credentials, plus the route's.
   *
   * @param dialect the wire format of this request (a provider may serve several, by model)
   */
  static HttpHeaders headers(
      HttpHeaders original, LlmProvider provider, Dialect dialect, URI base, byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(original);
    // Clients authenticate to the gateway only; their credentials never reach the provider.
    headers.remove(HttpHeaders.AUTHORIZATION);
    headers.remove("x-api-key");
    headers.remove("api-key");
    headers.remove("x-goog-api-key");
    // The gateway reads the response, so it must arrive uncompressed.
    headers.remove(HttpHeaders.ACCEPT_ENCODING);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    boolean defaultPort =
        (base.getScheme().equals("https") && base.getPort() == 443)
            || (base.getScheme().equals("http") && base.getPort() == 80);
    headers.set(HttpHeaders.HOST, defaultPort ? base.getHost() : base.getAuthority());
    provider.upstream().requestHeaders().forEach(change -> change.accept(headers));
    if (dialect == Dialect.ANTHROPIC) {
      provider.kind().adapter().requiredHeaders(headers);
    }
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.setContentLength(body.length);
    }
    return headers;
  }

  /** The provider's credentials could not be obtained (a token endpoint down, a bad key file). */
  static final class CredentialsException extends RuntimeException {
    CredentialsException(Throwable cause) {
      super("cannot obtain the provider's credentials: " + cause.getMessage(), cause);
    }
  }
}
