package io.agw.gateway.ui;

import static org.springframework.web.reactive.function.server.RequestPredicates.method;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.agw.gateway.admin.api.AdminApiErrors;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the admin UI, a single-page application built into {@code agw-ui/} on the classpath, on
 * the admin port: {@code GET}/{@code HEAD} of {@code /ui} and {@code /ui/**}. A path that names a
 * file answers the file; any other path answers {@code index.html}, so the application's own routes
 * ({@code /ui/config}, ...) load it, except under {@code /ui/assets/}, where a missing file is 404.
 * Content-hashed assets are cached for a year as immutable, everything else is revalidated ({@code
 * no-cache}). Every answer carries the UI's security headers: a strict Content-Security-Policy,
 * {@code nosniff}, no referrer, no framing. {@code /} redirects to {@code /ui/}. Without {@code
 * agw-ui/} (a build without the frontend) {@code /ui} is a 404 JSON error saying so. Stateless
 * apart from the policy it reads; thread-safe.
 */
final class UiRoutes {

  static final String PREFIX = "/ui";
  static final String ASSETS = PREFIX + "/assets/";

  private static final String IMMUTABLE =
      CacheControl.maxAge(java.time.Duration.ofDays(365))
          .cachePublic()
          .immutable()
          .getHeaderValue();
  private static final String REVALIDATE = CacheControl.noCache().getHeaderValue();

  private final Resource index;
  private final Function<ServerRequest, Mono<Resource>> files;
  private final Supplier<String> contentSecurityPolicy;

  /**
   * @param location the folder of the built UI, ending in {@code /}
   * @param contentSecurityPolicy the policy header in force
   */
  UiRoutes(Resource location, Supplier<String> contentSecurityPolicy) {
    Resource index;
    try {
      index = location.createRelative("index.html");
    } catch (java.io.IOException e) {
      index = null;
    }
    this.index = index != null && index.isReadable() ? index : null;
    // Spring's lookup refuses paths that leave the folder (.., encoded separators, URLs).
    this.files = RouterFunctions.resourceLookupFunction(PREFIX + "/**", location);
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  /** Whether the built UI is on the classpath. */
  boolean present() {
    return index != null;
  }

  RouterFunction<ServerResponse> routes() {
    RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.HEAD));
    return RouterFunctions.route(read.and(path("/")), request -> redirectToUi())
        .andRoute(read.and(path(PREFIX).or(path(PREFIX + "/**"))), this::serve)
        .filter(
            (request, next) -> {
              securityHeaders(request.exchange().getResponse().getHeaders());
              return next.handle(request);
            });
  }

  private static Mono<ServerResponse> redirectToUi() {
    return ServerResponse.status(HttpStatus.FOUND).location(URI.create(PREFIX + "/")).build();
  }

  private Mono<ServerResponse> serve(ServerRequest request) {
    if (index == null) {
      return AdminApiErrors.response(
          HttpStatus.NOT_FOUND,
          "not_found",
          "the admin UI is not part of this build: there is no agw-ui/ folder on the classpath"
              + " (build the gateway with the frontend module)");
    }
    String path = request.path();
    return files
        .apply(request)
        .flatMap(file -> file(file, path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    path.startsWith(ASSETS)
                        ? AdminApiErrors.response(
                            HttpStatus.NOT_FOUND, "not_found", "no UI asset at " + path)
                        : file(index, REVALIDATE)));
  }

  private static Mono<ServerResponse> file(Resource file, String cacheControl) {
    MediaType type = MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM);
    return ServerResponse.ok()
        .contentType(type)
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .body(BodyInserters.fromResource(file));
  }

  private void securityHeaders(HttpHeaders headers) {
    headers.set("Content-Security-Policy", contentSecurityPolicy.get());
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
  }
}
