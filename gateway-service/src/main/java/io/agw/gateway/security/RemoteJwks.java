package io.agw.gateway.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One JWKS URL's cached key set (see {@link JwkSources} for the refresh rules). Concurrent misses
 * share one fetch. A failed fetch keeps the last good set. Thread-safe.
 */
final class RemoteJwks {

  private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

  private record Snapshot(JWKSet set, Instant fetchedAt) {}

  private final String url;
  private final HttpClient http;
  private final Clock clock;
  private final Duration minRefetch;
  private volatile Snapshot current;
  private volatile Mono<Snapshot> inFlight;
  private volatile Instant lastFetchAttempt = Instant.EPOCH;

  RemoteJwks(String url, HttpClient http, Clock clock, Duration minRefetch) {
    this.minRefetch = minRefetch;
    this.url = url;
    this.http = http;
    this.clock = clock;
  }

  Flux<JWK> keys(JWSHeader header) {
    Snapshot snapshot = current;
    Instant now = clock.instant();
    if (snapshot != null && now.isBefore(snapshot.fetchedAt().plus(JwkSources.REFRESH))) {
      List<JWK> found = JwkSources.select(snapshot.set(), header);
      if (!found.isEmpty() || now.isBefore(lastFetchAttempt.plus(minRefetch))) {
        return Flux.fromIterable(found);
      }
    }
    return fetch().flatMapMany(s -> Flux.fromIterable(JwkSources.select(s.set(), header)));
  }

  private synchronized Mono<Snapshot> fetch() {
    Mono<Snapshot> pending = inFlight;
    if (pending != null) {
      return pending;
    }
    lastFetchAttempt = clock.instant();
    Mono<Snapshot> fetch =
        http.get()
            .uri(url)
            .responseSingle(
                (response, body) -> {
                  if (response.status().code() != 200) {
                    return Mono.error(
                        new IllegalStateException(
                            "JWKS " + url + " answered " + response.status()));
                  }
                  return body.asString();
                })
            .timeout(Duration.ofSeconds(10))
            .map(json -> new Snapshot(JwkSources.parse(json, "JWKS from " + url), clock.instant()))
            .doOnNext(s -> current = s)
            .onErrorResume(
                e -> {
                  log.warn("cannot fetch JWKS {}: {}", url, e.getMessage());
                  Snapshot last = current;
                  return last == null ? Mono.empty() : Mono.just(last);
                })
            .doFinally(signal -> clearInFlight())
            .cache();
    inFlight = fetch;
    return fetch;
  }

  private synchronized void clearInFlight() {
    inFlight = null;
  }
}
