package io.agw.gateway.usage.keys;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import io.agw.gateway.admin.api.AdminApiErrors;
import io.agw.gateway.admin.api.AdminApiException;
import io.agw.gateway.security.ApiKeyFilter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /api/v1/keys}: create, list, read, change, rotate and revoke virtual keys. The secret is
 * returned only by create and rotate; every change is written to the store, then put in this
 * replica's cache at once (other replicas see it at their next poll). Database calls run on
 * Reactor's bounded elastic scheduler. Thread-safe.
 */
final class KeysRoutes {

  private static final Logger log = LoggerFactory.getLogger(KeysRoutes.class);
  static final String BASE = "/api/v1/keys";

  private final VirtualKeyRepository repository;
  private final VirtualKeyCache cache;
  private final Clock clock;

  KeysRoutes(VirtualKeyRepository repository, VirtualKeyCache cache, Clock clock) {
    this.repository = repository;
    this.cache = cache;
    this.clock = clock;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route(POST(BASE), this::create)
        .andRoute(GET(BASE), this::list)
        .andRoute(GET(BASE + "/{id}"), this::get)
        .andRoute(PATCH(BASE + "/{id}"), this::update)
        .andRoute(POST(BASE + "/{id}/rotate"), this::rotate)
        .andRoute(DELETE(BASE + "/{id}"), this::revoke);
  }

  private Mono<ServerResponse> create(ServerRequest request) {
    return body(request)
        .flatMap(
            body ->
                blocking(
                    () -> {
                      String secret = KeySecrets.newSecret();
                      VirtualKey key =
                          KeyRequests.create(
                              body,
                              KeySecrets.newId(),
                              ApiKeyFilter.sha256(secret),
                              KeySecrets.prefix(secret),
                              now());
                      repository.insert(key);
                      cache.put(key);
                      log.info("virtual key {} created", key.id());
                      return KeyView.of(key, secret);
                    }))
        .flatMap(view -> ServerResponse.created(URI.create(BASE + "/" + view.id())).bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }

  private Mono<ServerResponse> list(ServerRequest request) {
    String team = request.queryParam("team").orElse(null);
    String user = request.queryParam("user").orElse(null);
    return blocking(
            () -> {
              List<KeyView> keys =
                  repository.list(team, user).stream().map(k -> KeyView.of(k, null)).toList();
              return new KeyList(keys);
            })
        .flatMap(keys -> ServerResponse.ok().bodyValue(keys))
        .onErrorResume(AdminApiErrors::handle);
  }

  /** The answer of a list: the keys, oldest first, without secrets. */
  record KeyList(List<KeyView> keys) {}

  private Mono<ServerResponse> get(ServerRequest request) {
    String id = request.pathVariable("id");
    return blocking(() -> KeyView.of(existing(id), null))
        .flatMap(view -> ServerResponse.ok().bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }

  private Mono<ServerResponse> update(ServerRequest request) {
    String id = request.pathVariable("id");
    return body(request)
        .flatMap(
            body ->
                blocking(
                    () -> {
                      VirtualKey key = KeyRequests.patch(body, active(id), now());
                      repository.update(key);
                      cache.put(key);
                      log.info("virtual key {} changed", id);
                      return KeyView.of(key, null);
                    }))
        .flatMap(view -> ServerResponse.ok().bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }

  private Mono<ServerResponse> rotate(ServerRequest request) {
    String id = request.pathVariable("id");
    return body(request)
        .flatMap(
            body ->
                blocking(
                    () -> {
                      Duration grace = KeyRequests.gracePeriod(body);
                      VirtualKey old = active(id);
                      Instant now = now();
                      String secret = KeySecrets.newSecret();
                      boolean keepOld = !grace.isZero();
                      VirtualKey key =
                          new VirtualKey(
                              old.id(),
                              old.name(),
                              ApiKeyFilter.sha256(secret),
                              KeySecrets.prefix(secret),
                              keepOld ? old.secretHash() : null,
                              keepOld ? now.plus(grace) : null,
                              old.team(),
                              old.user(),
                              old.tags(),
                              old.allowedModels(),
                              old.requestsPerMinute(),
                              old.tokensPerMinute(),
                              old.expiresAt(),
                              old.createdAt(),
                              now,
                              null);
                      repository.update(key);
                      cache.put(key);
                      log.info("virtual key {} rotated (grace period {})", id, grace);
                      return KeyView.of(key, secret);
                    }))
        .flatMap(view -> ServerResponse.ok().bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }

  private Mono<ServerResponse> revoke(ServerRequest request) {
    String id = request.pathVariable("id");
    return blocking(
            () -> {
              VirtualKey old = existing(id);
              if (old.revokedAt() != null) {
                return KeyView.of(old, null);
              }
              Instant now = now();
              VirtualKey key =
                  new VirtualKey(
                      old.id(),
                      old.name(),
                      old.secretHash(),
                      old.secretPrefix(),
                      null,
                      null,
                      old.team(),
                      old.user(),
                      old.tags(),
                      old.allowedModels(),
                      old.requestsPerMinute(),
                      old.tokensPerMinute(),
                      old.expiresAt(),
                      old.createdAt(),
                      now,
                      now);
              repository.update(key);
              cache.put(key);
              log.info("virtual key {} revoked", id);
              return KeyView.of(key, null);
            })
        .flatMap(view -> ServerResponse.ok().bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }

  private VirtualKey existing(String id) {
    return repository.find(id).orElseThrow(() -> AdminApiException.notFound("virtual key", id));
  }

  /** A key that may still change: revoked keys are final. */
  private VirtualKey active(String id) {
    VirtualKey key = existing(id);
    if (key.revokedAt() != null) {
      throw new AdminApiException(
          HttpStatus.CONFLICT, "key_revoked", "virtual key '" + id + "' is revoked");
    }
    return key;
  }

  private Instant now() {
    return clock.instant();
  }

  private static Mono<String> body(ServerRequest request) {
    return request.bodyToMono(String.class).defaultIfEmpty("");
  }

  private static <T> Mono<T> blocking(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
