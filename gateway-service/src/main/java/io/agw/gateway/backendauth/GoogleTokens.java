package io.agw.gateway.backendauth;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import com.google.auth.oauth2.OAuth2Credentials;
import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.backend.SecretResolver;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GcpTokenType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code backendAuth.gcp} on a plain backend: a Google token in {@code Authorization: Bearer} on
 * every request. {@code type: idToken} mints OpenID Connect ID tokens for {@code audience} (unset:
 * {@code https://} and the backend's host name, without its port, as agentgateway does), which is
 * what Cloud Run and other IAM-protected services check; {@code accessToken} sends OAuth access
 * tokens with the {@code cloud-platform} scope. Both come from {@code google-auth-library}: the
 * credential JSON (read and parsed when the state is built, so a bad or unsuitable credential
 * refuses it) or the environment's application default credentials (looked up on the first request,
 * so a configuration is never refused for where it is applied).
 *
 * <p>A token is reused while it has more than {@link #MARGIN} left; only then is it fetched again,
 * on the bounded-elastic scheduler since the library's refresh is a blocking HTTP call, and
 * concurrent requests that find it stale wait for one refresh. A failed fetch answers 502 without
 * the library's message (it may quote the token endpoint's answer). Thread-safe; one instance per
 * backend policy and state.
 */
final class GoogleTokens implements DeferredHeaders {

  private static final Logger log = LoggerFactory.getLogger(GoogleTokens.class);

  /** The OAuth scope access tokens are asked for. */
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  /** A cached token is fetched again once it has less than this left. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private final Callable<OAuth2Credentials> source;
  private final Clock clock;
  private OAuth2Credentials credentials; // guarded by this
  private volatile AccessToken cached;

  private GoogleTokens(Callable<OAuth2Credentials> source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * @param host the backend's host, the ID token's audience when {@code auth} names none
   * @throws IllegalArgumentException when the credential secret cannot be read, is not a Google
   *     credential JSON, or cannot mint ID tokens (an external account)
   */
  static GoogleTokens of(GcpAuth auth, String host, SecretResolver secrets, Clock clock) {
    Function<GoogleCredentials, OAuth2Credentials> finish;
    if (auth.getType() == GcpTokenType.GCP_TOKEN_TYPE_ID_TOKEN) {
      String audience = auth.getAudience().isEmpty() ? "https://" + host : auth.getAudience();
      finish = base -> idTokens(base, audience);
    } else {
      finish = base -> base.createScoped(List.of(SCOPE));
    }
    if (!auth.hasCredential()) {
      return new GoogleTokens(() -> finish.apply(GoogleCredentials.getApplicationDefault()), clock);
    }
    GoogleCredentials base = parse(secrets.resolve(auth.getCredential()));
    OAuth2Credentials built = finish.apply(base);
    return new GoogleTokens(() -> built, clock);
  }

  private static GoogleCredentials parse(String json) {
    try {
      return GoogleCredentials.fromStream(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      // The library's message may quote the document; name the problem only.
      throw new IllegalArgumentException(
          "the gcp credential is not a valid Google credential JSON");
    }
  }

  private static OAuth2Credentials idTokens(GoogleCredentials base, String audience) {
    if (!(base instanceof IdTokenProvider provider)) {
      throw new IllegalArgumentException(
          "gcp idToken: "
              + base.getClass().getSimpleName()
              + " cannot mint ID tokens; use a service account, an authorized user or an"
              + " impersonated service account");
    }
    return IdTokenCredentials.newBuilder()
        .setIdTokenProvider(provider)
        .setTargetAudience(audience)
        .setOptions(List.of(IdTokenProvider.Option.INCLUDE_EMAIL))
        .build();
  }

  @Override
  public Mono<Consumer<HttpHeaders>> resolve(ServerWebExchange exchange) {
    AccessToken token = cached;
    if (fresh(token)) {
      return Mono.just(bearer(token));
    }
    return Mono.fromCallable(this::refresh)
        .subscribeOn(Schedulers.boundedElastic())
        .map(GoogleTokens::bearer);
  }

  private static Consumer<HttpHeaders> bearer(AccessToken token) {
    String value = token.getTokenValue();
    return headers -> headers.setBearerAuth(value);
  }

  private synchronized AccessToken refresh() {
    AccessToken token = cached;
    if (fresh(token)) {
      return token;
    }
    try {
      if (credentials == null) {
        credentials = source.call();
      }
      credentials.refresh();
      token = credentials.getAccessToken();
    } catch (Exception e) {
      log.warn("backendAuth gcp: no Google token ({})", e.getClass().getSimpleName());
      log.debug("backendAuth gcp: token fetch failed", e);
      throw new ResponseStatusException(
          HttpStatus.BAD_GATEWAY, "the Google token for the backend could not be fetched");
    }
    if (token == null) {
      throw new ResponseStatusException(
          HttpStatus.BAD_GATEWAY, "the Google credentials gave no token for the backend");
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

  @Override
  public String toString() {
    return "GoogleTokens";
  }
}
