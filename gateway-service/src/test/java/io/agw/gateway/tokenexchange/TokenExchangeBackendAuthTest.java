package io.agw.gateway.tokenexchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.OAuthClientAuth;
import io.agw.model.resource.v1.OAuthEndpoint;
import io.agw.model.resource.v1.OAuthTokenExchange;
import io.agw.model.resource.v1.SecretSource;
import io.agw.model.resource.v1.StaticBackend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** What building a backend's token exchange accepts and refuses when a state is built. */
class TokenExchangeBackendAuthTest {

  final TokenExchangeBackendAuth auth =
      new TokenExchangeBackendAuth(
          new CelEnvironment(),
          new SecretResolver(Map.of("PRESENT", "s3cret")::get),
          HttpClient.create(),
          Clock.systemUTC());

  static BackendAuth exchange(String secretEnv, Map<String, String> params) {
    return BackendAuth.newBuilder()
        .setOauthTokenExchange(
            OAuthTokenExchange.newBuilder()
                .setEndpoint(
                    OAuthEndpoint.newBuilder()
                        .setHost("127.0.0.1:9")
                        .setClientAuth(
                            OAuthClientAuth.newBuilder()
                                .setClientId("gw")
                                .setClientSecret(SecretSource.newBuilder().setEnv(secretEnv))))
                .putAllAdditionalParams(params))
        .build();
  }

  static BackendCompilation backend(Backend resource) {
    return new BackendCompilation(resource, null, List.of(), null);
  }

  static final Backend STATIC =
      Backend.newBuilder()
          .setKey("plain")
          .setStatic(StaticBackend.newBuilder().setHost("127.0.0.1").setPort(8080))
          .build();

  @Test
  void aPlainBackendGetsADeferredCredential() {
    BackendCompilation b = backend(STATIC);

    auth.onBackend(exchange("PRESENT", Map.of()), b);

    assertThat(b.requestHeaders()).singleElement().isInstanceOf(DeferredHeaders.class);
  }

  @Test
  void anAiBackendRefusesIt() {
    Backend ai = Backend.newBuilder().setKey("llm").setAi(AiBackend.getDefaultInstance()).build();

    assertThatThrownBy(() -> auth.onBackend(exchange("PRESENT", Map.of()), backend(ai)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "backend llm: backendAuth oauthTokenExchange is supported on host backends only");
  }

  @Test
  void aMissingSecretOrABodyReadingParameterRefusesTheState() {
    assertThatThrownBy(() -> auth.onBackend(exchange("ABSENT", Map.of()), backend(STATIC)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("backend plain: backendAuth oauthTokenExchange: ")
        .hasMessageContaining("ABSENT");
    assertThatThrownBy(
            () ->
                auth.onBackend(
                    exchange("PRESENT", Map.of("b", "string(request.body)")), backend(STATIC)))
        .hasMessage(
            "backend plain: backendAuth oauthTokenExchange: additionalParams.b cannot read a body");
  }
}
