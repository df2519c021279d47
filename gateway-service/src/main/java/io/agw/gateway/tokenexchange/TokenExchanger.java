package io.agw.gateway.tokenexchange;

import io.agw.gateway.backend.DeferredHeaders;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.security.CredentialLocator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One backend's token exchange: reads the caller's token (and the actor token), evaluates the extra
 * parameters, gets the backend token from the cache or the token endpoint (then, for
 * crossAppAccess, presents the ID-JAG at the resource authorization server), and answers the header
 * change that removes the caller's credentials and sets the backend token. Immutable apart from its
 * cache; thread-safe.
 */
final class TokenExchanger implements DeferredHeaders {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An incoming token: where it is read, the header it is removed from (or null), its type. */
  record Incoming(CredentialLocator locator, String header, String tokenType) {}

  /** Where the backend token goes. */
  record Outgoing(String header, String prefix) {}

  private final TokenEndpointClient client;
  private final TokenLeg first;
  private final TokenLeg chained;
  private final Incoming subject;
  private final Incoming actor;
  private final Map<String, CelExpression> params;
  private final Outgoing outgoing;
  private final TokenCache cache;
  private final String subjectName;

  /**
   * @param chained the JWT bearer call that trades the first call's token (an ID-JAG), or null
   * @param actor null when no actor token is configured
   * @param params extra parameters of the first call, sorted by name
   * @param cache null when caching is off
   * @param subjectName what the caller's token is called in errors ("bearer token", "ID token")
   */
  TokenExchanger(
      TokenEndpointClient client,
      TokenLeg first,
      TokenLeg chained,
      Incoming subject,
      Incoming actor,
      Map<String, CelExpression> params,
      Outgoing outgoing,
      TokenCache cache,
      String subjectName) {
    this.client = client;
    this.first = first;
    this.chained = chained;
    this.subject = subject;
    this.actor = actor;
    this.params = params;
    this.outgoing = outgoing;
    this.cache = cache;
    this.subjectName = subjectName;
  }

  @Override
  public Mono<Consumer<HttpHeaders>> resolve(ServerWebExchange exchange) {
    ExchangeInput input;
    try {
      input = input(exchange);
    } catch (TokenExchangeFailure e) {
      return Mono.error(e);
    }
    Mono<String> token =
        cache == null
            ? fetch(input).map(TokenResponse.Issued::accessToken)
            : cache.get(input.cacheKey(), expiry(input.subjectToken()), () -> fetch(input));
    return token.map(this::change);
  }

  private ExchangeInput input(ServerWebExchange exchange) {
    String subjectToken = subject.locator().find(exchange);
    if (subjectToken == null || subjectToken.isBlank()) {
      throw TokenExchangeFailure.noToken(subjectName);
    }
    String actorToken = null;
    if (actor != null) {
      actorToken = actor.locator().find(exchange);
      if (actorToken == null || actorToken.isBlank()) {
        throw TokenExchangeFailure.noToken("actor token");
      }
    }
    List<Map.Entry<String, String>> values = new ArrayList<>(params.size());
    if (!params.isEmpty()) {
      CelContext cel = CelContext.request(exchange, null);
      params.forEach(
          (name, expression) -> {
            Object value;
            try {
              value = expression.eval(cel);
            } catch (Exception e) {
              throw TokenExchangeFailure.badParameter(name);
            }
            if (!(value instanceof String text)) {
              throw TokenExchangeFailure.badParameter(name);
            }
            values.add(Map.entry(name, text));
          });
    }
    return new ExchangeInput(
        subjectToken,
        subject.tokenType(),
        actorToken,
        actor == null ? null : actor.tokenType(),
        values,
        List.of());
  }

  private Mono<TokenResponse.Issued> fetch(ExchangeInput input) {
    Mono<TokenResponse.Issued> issued = client.request(first, input, false);
    if (chained == null) {
      return issued;
    }
    return issued.flatMap(
        assertion ->
            client.request(
                chained, ExchangeInput.assertion(assertion.accessToken(), List.of()), true));
  }

  private Consumer<HttpHeaders> change(String token) {
    return headers -> {
      if (subject.header() != null) {
        headers.remove(subject.header());
      }
      if (actor != null && actor.header() != null) {
        headers.remove(actor.header());
      }
      headers.set(outgoing.header(), outgoing.prefix() + token);
    };
  }

  /**
   * The {@code exp} of a JWT-shaped token, read without verifying it (only to bound how long the
   * exchanged token is cached), or null for an opaque token.
   */
  static Instant expiry(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode exp = JSON.readTree(new String(payload, StandardCharsets.UTF_8)).get("exp");
      return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
    } catch (IllegalArgumentException | JacksonException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "TokenExchanger["
        + first.endpoint()
        + (chained != null ? " then " + chained.endpoint() : "")
        + "]";
  }
}
