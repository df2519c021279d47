package io.agw.gateway.admin.ui;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.agw.gateway.admin.api.AdminApiErrors;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/overview}: what the gateway runs and how it is doing, built on each call from
 * in-memory state only (no I/O), so that a UI polling it costs the traffic ports nothing.
 */
final class OverviewRoutes {

  static final String PATH = "/api/v1/overview";

  /** What the overview says about the gateway itself, apart from the admin port. */
  record Facts(
      String version,
      Instant startedAt,
      Supplier<String> configSource,
      Supplier<String> configPath,
      Supplier<String> gatewayName) {}

  private final OverviewBuilder builder;
  private final Facts facts;
  private final Supplier<Integer> adminPort;

  OverviewRoutes(OverviewBuilder builder, Facts facts, Supplier<Integer> adminPort) {
    this.builder = builder;
    this.facts = facts;
    this.adminPort = adminPort;
  }

  RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route(GET(PATH), this::overview);
  }

  private Mono<ServerResponse> overview(ServerRequest request) {
    return Mono.fromCallable(
            () ->
                builder.build(
                    new OverviewView.Gateway(
                        facts.version(),
                        facts.startedAt().toString(),
                        facts.configSource().get(),
                        facts.configPath().get(),
                        adminPort.get()),
                    facts.gatewayName().get()))
        .flatMap(
            view -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view))
        .onErrorResume(AdminApiErrors::handle);
  }
}
