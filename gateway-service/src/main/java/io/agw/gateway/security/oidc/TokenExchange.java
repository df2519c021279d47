package io.agw.gateway.security.oidc;

import io.agw.model.resource.v1.TokenEndpointAuth;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization code grant at the provider's token endpoint (RFC 6749 4.1.3 with the PKCE
 * verifier of RFC 7636), the client authenticated by {@code client_secret_basic} or {@code
 * client_secret_post}. Answers the ID token, or an {@link OidcFailure}: 401 when the provider
 * refuses the code, 502 when it cannot be reached or answers nonsense. Neither the code, the
 * verifier, the secret nor a token appears in an error or the log. Stateless; thread-safe.
 */
final class TokenExchange {

  private static final Logger log = LoggerFactory.getLogger(TokenExchange.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BODY_LIMIT = 64 * 1024;

  private final HttpClient http;

  TokenExchange(HttpClient http) {
    this.http = http;
  }

  Mono<String> idToken(
      OidcProvider provider,
      String clientId,
      String clientSecret,
      String redirectUri,
      String code,
      String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", verifier);
    boolean basic =
        provider.tokenEndpointAuth() != TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_POST;
    if (!basic) {
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
    }
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return http.headers(
            h -> {
              h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
              h.set(HttpHeaderNames.ACCEPT, "application/json");
              if (basic) {
                // RFC 6749 2.3.1: both parts form-encoded before Base64.
                String pair = encode(clientId) + ":" + encode(clientSecret);
                h.set(
                    HttpHeaderNames.AUTHORIZATION,
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
              }
            })
        .post()
        .uri(provider.tokenEndpoint())
        .send(ByteBufFlux.fromString(Mono.just(body)))
        .responseSingle(
            (response, content) ->
                content
                    .asString()
                    .defaultIfEmpty("")
                    .map(text -> idToken(response.status().code(), text)))
        .onErrorMap(
            e -> !(e instanceof OidcFailure),
            e ->
                new OidcFailure(
                    HttpStatus.BAD_GATEWAY,
                    "oidc_provider_unreachable",
                    "the identity provider's token endpoint cannot be reached",
                    e));
  }

  private static String idToken(int status, String body) {
    if (body.length() > BODY_LIMIT) {
      throw badAnswer("the identity provider's token response is too large");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      json = null;
    }
    if (status != 200) {
      // The provider's error code is safe to log (RFC 6749 5.2 defines it); its description too.
      String error = json == null || json.get("error") == null ? "?" : json.get("error").asString();
      log.info("OIDC token endpoint refused the authorization code: {} {}", status, error);
      if (status >= 400 && status < 500) {
        throw OidcFailure.unauthorized(
            "the identity provider refused the authorization code (" + safe(error) + ")");
      }
      throw badAnswer("the identity provider's token endpoint answered " + status);
    }
    JsonNode idToken = json == null ? null : json.get("id_token");
    if (idToken == null || !idToken.isString() || idToken.asString().isEmpty()) {
      throw badAnswer("the identity provider's token response has no id_token");
    }
    return idToken.asString();
  }

  /** Only an RFC 6749 error code's characters are echoed. */
  private static String safe(String error) {
    return error.matches("[A-Za-z0-9_.\\-]{1,64}") ? error : "error";
  }

  private static OidcFailure badAnswer(String message) {
    return new OidcFailure(HttpStatus.BAD_GATEWAY, "oidc_provider_error", message);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
