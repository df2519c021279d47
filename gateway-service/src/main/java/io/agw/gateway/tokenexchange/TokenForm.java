package io.agw.gateway.tokenexchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The body of a token request ({@code application/x-www-form-urlencoded}) and the HTTP Basic
 * credentials that go with it, built from a {@link TokenLeg} and an {@link ExchangeInput}: RFC 8693
 * sends the incoming token as {@code subject_token} (with the actor token and {@code
 * requested_token_type} when set), RFC 7523 as the {@code assertion}; then {@code audience}, {@code
 * scope} (space-delimited), {@code resource}, the extra parameters, and {@code client_id} / {@code
 * client_secret} for {@code client_secret_post}. Pure.
 *
 * @param basicAuth the Authorization header value for {@code client_secret_basic}, or null
 */
record TokenForm(String body, String basicAuth) {

  static final String GRANT_TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String GRANT_JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  static TokenForm of(TokenLeg leg, ExchangeInput input) {
    StringBuilder body = new StringBuilder(256);
    if (leg.jwtBearer()) {
      add(body, "grant_type", GRANT_JWT_BEARER);
      add(body, "assertion", input.subjectToken());
    } else {
      add(body, "grant_type", GRANT_TOKEN_EXCHANGE);
      add(body, "subject_token", input.subjectToken());
      add(body, "subject_token_type", input.subjectTokenType());
      if (input.actorToken() != null) {
        add(body, "actor_token", input.actorToken());
        add(body, "actor_token_type", input.actorTokenType());
      }
      if (leg.requestedTokenType() != null) {
        add(body, "requested_token_type", leg.requestedTokenType());
      }
    }
    leg.audiences().forEach(a -> add(body, "audience", a));
    if (!leg.scopes().isEmpty()) {
      add(body, "scope", String.join(" ", leg.scopes()));
    }
    leg.resources().forEach(r -> add(body, "resource", r));
    for (Map.Entry<String, String> p : input.params()) {
      add(body, p.getKey(), p.getValue());
    }
    String basic = null;
    TokenLeg.ClientCredentials client = leg.client();
    if (client != null) {
      if (client.post()) {
        add(body, "client_id", client.clientId());
        if (client.secret() != null) {
          add(body, "client_secret", client.secret());
        }
      } else {
        // RFC 6749 2.3.1: both parts are form-encoded before Base64.
        String pair = encode(client.clientId()) + ":" + encode(client.secret());
        basic =
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new TokenForm(body.toString(), basic);
  }

  private static void add(StringBuilder body, String name, String value) {
    if (!body.isEmpty()) {
      body.append('&');
    }
    body.append(encode(name)).append('=').append(encode(value));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TokenForm[redacted]";
  }
}
