package io.agw.gateway.mcp.upstream;

import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.backend.redaction.CredentialHeaders;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
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

  private final List<Consumer<HttpHeaders>> changes;

  private TargetCredentials(List<Consumer<HttpHeaders>> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * The credential changes among a backend's request header changes ({@code backendAuth}'s; other
   * header changes do not apply to MCP targets).
   */
  public static TargetCredentials of(List<Consumer<HttpHeaders>> requestHeaders) {
    return new TargetCredentials(
        requestHeaders.stream()
            .filter(c -> c instanceof CredentialHeaders || c instanceof DeferredHeaders)
            .toList());
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The headers to add for a call made on behalf of {@code caller}'s request. */
  public Mono<HttpHeaders> headers(ServerWebExchange caller) {
    HttpHeaders headers = new HttpHeaders();
    return Flux.fromIterable(changes)
        .concatMap(
            change -> {
              if (change instanceof DeferredHeaders deferred) {
                return deferred.resolve(caller).doOnNext(c -> c.accept(headers)).then();
              }
              ((CredentialHeaders) change).accept(caller, headers);
              return Mono.<Void>empty();
            })
        .then(Mono.just(headers));
  }

  @Override
  public String toString() {
    return "TargetCredentials[" + changes.size() + " changes]";
  }
}
