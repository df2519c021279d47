package io.agw.gateway.backend.redaction;

import io.agw.gateway.backend.DeferredHeaders;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;

/**
 * A header change that puts a credential on requests to a backend ({@code backendAuth}), as opposed
 * to a plain header change: whatever it sets is a secret, redacted from what the backend answers
 * ({@link UpstreamSecrets}). Immutable.
 *
 * @param change sets the credential's headers
 */
public record CredentialHeaders(Consumer<HttpHeaders> change) implements Consumer<HttpHeaders> {

  @Override
  public void accept(HttpHeaders headers) {
    change.accept(headers);
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
