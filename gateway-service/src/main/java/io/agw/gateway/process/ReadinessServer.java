package io.agw.gateway.process;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * agentgateway's readiness server ({@code config.readinessAddr}): {@code GET /healthz/ready}
 * answers 200 {@code ready} when the gateway is ready for traffic (the admin port's readiness
 * group: started, configuration applied, not shutting down) and 503 {@code not ready} otherwise.
 */
final class ReadinessServer extends SideServer {

  static final String PATH = "/healthz/ready";

  ReadinessServer(InetSocketAddress address, BooleanSupplier ready) {
    super(
        "readiness server",
        address,
        routes ->
            routes.get(
                PATH,
                (request, response) ->
                    Mono.fromCallable(ready::getAsBoolean)
                        // Health contributors may block.
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(
                            up ->
                                response
                                    .status(up ? 200 : 503)
                                    .header("Content-Type", "text/plain")
                                    .sendString(Mono.just(up ? "ready\n" : "not ready\n"))
                                    .then())));
  }
}
