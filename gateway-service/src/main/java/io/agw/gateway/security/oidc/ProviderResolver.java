package io.agw.gateway.security.oidc;

import io.agw.gateway.security.JwkSources;
import io.agw.gateway.security.JwtVerifier;
import io.agw.model.resource.v1.Jwks;
import io.agw.model.resource.v1.JwtProvider;
import io.agw.model.resource.v1.Oidc;
import io.agw.model.resource.v1.OidcDiscovery;
import io.agw.model.resource.v1.TokenEndpointAuth;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves a policy's provider: the explicit endpoints and JWKS as configured, or the discovery
 * document ({@code discovery}, else {@code ${issuer}/.well-known/openid-configuration}), whose
 * {@code issuer} must equal the configured one. Discovery happens on the first request that needs
 * it, not when the configuration loads, so a provider that is down makes its routes answer 503
 * rather than refusing the whole configuration; a fetched document is kept for {@link #REFRESH}, a
 * failure is retried by the next request. Thread-safe.
 */
final class ProviderResolver {

  static final Duration REFRESH = Duration.ofHours(1);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Oidc policy;
  private final JwkSources keys;
  private final HttpClient http;
  private final Mono<OidcProvider> provider;

  ProviderResolver(Oidc policy, JwkSources keys, HttpClient http) {
    this.policy = policy;
    this.keys = keys;
    this.http = http;
    if (!policy.getAuthorizationEndpoint().isEmpty()) {
      // Explicit metadata: checked now, so a bad inline or file JWKS refuses the configuration.
      OidcProvider explicit =
          new OidcProvider(
              policy.getAuthorizationEndpoint(),
              policy.getTokenEndpoint(),
              policy.getTokenEndpointAuth() == TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_UNSPECIFIED
                  ? TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_BASIC
                  : policy.getTokenEndpointAuth(),
              verifier(policy.getJwks()));
      this.provider = Mono.just(explicit);
    } else {
      this.provider =
          Mono.defer(this::discover)
              .cache(value -> REFRESH, error -> Duration.ZERO, () -> Duration.ZERO);
    }
  }

  /** The provider, or an {@link OidcFailure} (503) when its discovery document is unavailable. */
  Mono<OidcProvider> provider() {
    return provider;
  }

  private Mono<OidcProvider> discover() {
    OidcDiscovery source = policy.getDiscovery();
    Mono<String> document =
        switch (source.getSourceCase()) {
          case INLINE -> Mono.just(source.getInline());
          case FILE -> Mono.fromCallable(() -> read(source.getFile()));
          case URL -> fetch(source.getUrl());
          case SOURCE_NOT_SET -> fetch(wellKnown(policy.getIssuer()));
        };
    return document.map(this::provider);
  }

  private OidcProvider provider(String document) {
    JsonNode doc;
    try {
      doc = JSON.readTree(document);
    } catch (JacksonException e) {
      throw unavailable("the identity provider's discovery document is not JSON", e);
    }
    String issuer = text(doc, "issuer");
    if (!policy.getIssuer().equals(issuer)) {
      throw unavailable(
          "the identity provider's discovery document names issuer '"
              + issuer
              + "', not the configured '"
              + policy.getIssuer()
              + "'",
          null);
    }
    return new OidcProvider(
        endpoint(doc, "authorization_endpoint"),
        endpoint(doc, "token_endpoint"),
        tokenEndpointAuth(doc.get("token_endpoint_auth_methods_supported")),
        verifier(Jwks.newBuilder().setUrl(endpoint(doc, "jwks_uri")).build()));
  }

  /** As agentgateway: basic when the provider lists none or lists it, else post. */
  private static TokenEndpointAuth tokenEndpointAuth(JsonNode methods) {
    if (methods == null || !methods.isArray() || methods.isEmpty()) {
      return TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_BASIC;
    }
    List<String> names = methods.valueStream().map(JsonNode::asString).toList();
    if (names.contains("client_secret_basic")) {
      return TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_BASIC;
    }
    if (names.contains("client_secret_post")) {
      return TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_POST;
    }
    throw unavailable(
        "the identity provider supports neither client_secret_basic nor client_secret_post at its"
            + " token endpoint",
        null);
  }

  private JwtVerifier verifier(Jwks jwks) {
    return new JwtVerifier(
        List.of(
            JwtProvider.newBuilder()
                .setIssuer(policy.getIssuer())
                .addAudiences(policy.getClientId())
                .setJwks(jwks)
                .build()),
        keys);
  }

  private Mono<String> fetch(String url) {
    return http.get()
        .uri(url)
        .responseSingle(
            (response, body) ->
                response.status().code() == 200
                    ? body.asString()
                    : Mono.error(
                        unavailable(
                            "the identity provider's discovery document at "
                                + url
                                + " answered "
                                + response.status().code(),
                            null)))
        .onErrorMap(
            e -> !(e instanceof OidcFailure),
            e ->
                unavailable(
                    "the identity provider's discovery document at " + url + " cannot be fetched",
                    e));
  }

  static String wellKnown(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return base + "/.well-known/openid-configuration";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw unavailable("the discovery document file " + file + " cannot be read", e);
    }
  }

  private static String text(JsonNode doc, String field) {
    JsonNode value = doc.get(field);
    return value == null || !value.isString() ? null : value.asString();
  }

  private static String endpoint(JsonNode doc, String field) {
    String value = text(doc, field);
    try {
      URI uri = value == null ? null : new URI(value);
      if (uri != null
          && uri.getHost() != null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // Reported below.
    }
    throw unavailable("the identity provider's discovery document has no valid " + field, null);
  }

  private static OidcFailure unavailable(String message, Throwable cause) {
    return new OidcFailure(
        HttpStatus.SERVICE_UNAVAILABLE, "oidc_provider_unavailable", message, cause);
  }
}
