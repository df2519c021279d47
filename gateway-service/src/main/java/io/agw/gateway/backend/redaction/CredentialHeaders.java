package io.agw.gateway.backend.redaction;

import io.agw.gateway.backend.DeferredHeaders;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * A header change that puts a credential on requests to a backend ({@code backendAuth}), as opposed
 * to a plain header change: whatever it sets is a secret, redacted from what the backend answers
 * ({@link UpstreamSecrets}). A credential may depend on the request (the caller's token, a token
 * signed per request): such a change is applied with {@link #accept(ServerWebExchange,
 * HttpHeaders)}, and may also change the exchange's upstream URL (a query parameter). Immutable.
 */
public final class CredentialHeaders implements Consumer<HttpHeaders> {

  private final BiConsumer<ServerWebExchange, HttpHeaders> change;
  private final boolean needsExchange;

  private CredentialHeaders(
      BiConsumer<ServerWebExchange, HttpHeaders> change, boolean needsExchange) {
    this.change = change;
    this.needsExchange = needsExchange;
  }

  /** Credentials that are the same on every request. */
  public CredentialHeaders(Consumer<HttpHeaders> change) {
    this((exchange, headers) -> change.accept(headers), false);
  }

  /** Credentials computed for each request from its exchange. */
  public static CredentialHeaders perRequest(BiConsumer<ServerWebExchange, HttpHeaders> change) {
    return new CredentialHeaders(change, true);
  }

  /** Applies the credentials for the request of {@code exchange}. */
  public void accept(ServerWebExchange exchange, HttpHeaders headers) {
    change.accept(exchange, headers);
  }

  /**
   * Applies credentials that do not depend on the request.
   *
   * @throws IllegalStateException for credentials computed per request
   */
  @Override
  public void accept(HttpHeaders headers) {
    if (needsExchange) {
      throw new IllegalStateException("these credentials are computed for each request");
    }
    change.accept(null, headers);
  }

  /**
   * Whether any of {@code changes} sets a credential; a {@link DeferredHeaders} change is one (it
   * becomes a {@code CredentialHeaders} once resolved for a request).
   */
  public static boolean any(List<? extends Consumer<HttpHeaders>> changes) {
    return changes.stream()
        .anyMatch(c -> c instanceof CredentialHeaders || c instanceof DeferredHeaders);
  }
}
