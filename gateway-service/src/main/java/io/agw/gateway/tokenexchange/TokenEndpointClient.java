package io.agw.gateway.tokenexchange;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Posts token requests and reads the answers. A call that takes longer than 10 seconds
 * (agentgateway's default for token endpoints) or cannot connect is a 502; answers larger than 64
 * KiB are refused. Logs carry the endpoint, the status and the RFC 6749 error code, never a token
 * or a secret. Thread-safe.
 */
final class TokenEndpointClient {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(TokenEndpointClient.class);
  private static final int BODY_LIMIT = 64 * 1024;

  private final HttpClient plain;
  private final HttpClient secured;

  TokenEndpointClient(HttpClient base) {
    this.plain = base.responseTimeout(TIMEOUT);
    this.secured = plain.secure();
  }

  /**
   * The token issued for {@code input} by the endpoint of {@code leg}.
   *
   * @param chained whether this call is the second of a chain (its refusals are 502s)
   */
  Mono<TokenResponse.Issued> request(TokenLeg leg, ExchangeInput input, boolean chained) {
    TokenForm form = TokenForm.of(leg, input);
    HttpClient client = "https".equals(leg.endpoint().getScheme()) ? secured : plain;
    return client
        .headers(
            h -> {
              h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
              h.set(HttpHeaderNames.ACCEPT, "application/json");
              if (form.basicAuth() != null) {
                h.set(HttpHeaderNames.AUTHORIZATION, form.basicAuth());
              }
            })
        .post()
        .uri(leg.endpoint())
        .send(ByteBufFlux.fromString(Mono.just(form.body())))
        .responseSingle(
            (response, content) ->
                content
                    .asString()
                    .defaultIfEmpty("")
                    .map(
                        body -> {
                          int status = response.status().code();
                          if (body.length() > BODY_LIMIT) {
                            throw TokenExchangeFailure.failed(
                                "the token endpoint's answer is too large");
                          }
                          try {
                            return TokenResponse.read(
                                status, body, leg.expectedIssuedType(), chained);
                          } catch (TokenExchangeFailure f) {
                            log.info(
                                "token endpoint {} answered {}: {}",
                                leg.endpoint(),
                                status,
                                f.getReason());
                            throw f;
                          }
                        }))
        .timeout(TIMEOUT.plusSeconds(1))
        .onErrorMap(
            e -> !(e instanceof TokenExchangeFailure),
            e -> {
              log.info("token endpoint {} cannot be reached: {}", leg.endpoint(), e.toString());
              return TokenExchangeFailure.failed("the authorization server cannot be reached");
            });
  }
}
