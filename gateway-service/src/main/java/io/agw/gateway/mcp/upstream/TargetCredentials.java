package io.agw.gateway.mcp.upstream;

import io.agw.gateway.backend.redaction.CredentialHeaders;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code backendAuth} credentials an {@code mcp} backend puts on the HTTP requests it sends to
 * its targets (Streamable HTTP and SSE), worked out for the client request being served: a key is
 * the same on every call, while a passed-through token or a signed one is the current caller's, so
 * that a session opened by one caller never carries that caller's token on another's calls.
 * Immutable; thread-safe.
 */
public final class TargetCredentials {

  public static final TargetCredentials NONE = new TargetCredentials(List.of());

  private final List<CredentialHeaders> changes;

  private TargetCredentials(List<CredentialHeaders> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * The credential changes among a backend's request header changes ({@code backendAuth}'s; other
   * header changes do not apply to MCP targets). Token exchange ({@code DeferredHeaders}) is
   * refused on {@code mcp} backends before this, when the state is built.
   */
  public static TargetCredentials of(List<Consumer<HttpHeaders>> requestHeaders) {
    return new TargetCredentials(
        requestHeaders.stream()
            .filter(CredentialHeaders.class::isInstance)
            .map(CredentialHeaders.class::cast)
            .toList());
  }

  /** The headers to add for a call made on behalf of {@code caller}'s request. */
  public Mono<HttpHeaders> headers(ServerWebExchange caller) {
    return Mono.fromSupplier(
        () -> {
          HttpHeaders headers = new HttpHeaders();
          changes.forEach(change -> change.accept(caller, headers));
          return headers;
        });
  }

  @Override
  public String toString() {
    return "TargetCredentials[" + changes.size() + " changes]";
  }
}
