package io.agw.gateway.llm.provider.vertex;

import com.google.auth.oauth2.AccessToken;
import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Google OAuth access tokens for Vertex AI, through {@code google-auth-library}: from an
 * ADC-compatible credential JSON (a service account key, an authorized user, an external account),
 * or from the environment's application default credentials. The token goes in {@code
 * Authorization: Bearer}.
 *
 * <p>The token is cached and reused while it has more than {@link #MARGIN} left; only then is it
 * fetched again, on the bounded-elastic scheduler, since the library's refresh is a blocking HTTP
 * call. Concurrent requests that find the token stale wait for one refresh. Application default
 * credentials are looked up on the first request (the lookup may probe the metadata server), so a
 * configuration is never refused for the environment it is applied in. Thread-safe; one instance
 * per configured provider and state.
 */
public final class GoogleCredentials implements UpstreamCredentials {

  /** The OAuth scope of Vertex AI. */
  public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  /** A cached token is refreshed once it has less than this left. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private final Callable<com.google.auth.oauth2.GoogleCredentials> source;
  private final Clock clock;
  private com.google.auth.oauth2.GoogleCredentials credentials;
  private volatile AccessToken cached;

  private GoogleCredentials(
      Callable<com.google.auth.oauth2.GoogleCredentials> source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * Credentials from a credential JSON document, parsed now.
   *
   * @throws IllegalArgumentException when the JSON is not a credential the library knows
   */
  public static GoogleCredentials fromJson(String json) {
    try {
      var parsed =
          com.google.auth.oauth2.GoogleCredentials.fromStream(
                  new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
              .createScoped(List.of(SCOPE));
      return new GoogleCredentials(() -> parsed, Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      // The library's message may quote the document; name the problem only.
      throw new IllegalArgumentException(
          "the gcp credential is not a valid Google credential JSON");
    }
  }

  /** The environment's application default credentials, looked up on first use. */
  public static GoogleCredentials applicationDefault() {
    return new GoogleCredentials(
        () -> com.google.auth.oauth2.GoogleCredentials.getApplicationDefault().createScoped(SCOPE),
        Clock.systemUTC());
  }

  @Override
  public Mono<Void> apply(OutboundRequest request) {
    AccessToken token = cached;
    if (fresh(token)) {
      request.headers().setBearerAuth(token.getTokenValue());
      return Mono.empty();
    }
    return Mono.fromCallable(this::refresh)
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(t -> request.headers().setBearerAuth(t.getTokenValue()))
        .then();
  }

  private synchronized AccessToken refresh() throws Exception {
    AccessToken token = cached;
    if (fresh(token)) {
      return token;
    }
    if (credentials == null) {
      credentials = source.call();
    }
    try {
      credentials.refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("the Google token endpoint refused or failed", e);
    }
    token = credentials.getAccessToken();
    if (token == null) {
      throw new IllegalStateException("the Google credentials gave no access token");
    }
    cached = token;
    return token;
  }

  private boolean fresh(AccessToken token) {
    if (token == null) {
      return false;
    }
    if (token.getExpirationTime() == null) {
      return true;
    }
    return token.getExpirationTime().toInstant().isAfter(clock.instant().plus(MARGIN));
  }
}
