package io.agw.gateway.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;

/**
 * agentgateway's stats server ({@code config.statsAddr}): {@code GET /metrics} answers the
 * Prometheus text format of the same registry as the admin port's {@code /actuator/prometheus}.
 */
final class StatsServer extends SideServer {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  StatsServer(InetSocketAddress address, PrometheusMeterRegistry registry) {
    super(
        "stats server",
        address,
        routes ->
            routes.get(
                "/metrics",
                (request, response) ->
                    response
                        .header("Content-Type", CONTENT_TYPE)
                        .sendString(reactor.core.publisher.Mono.fromCallable(registry::scrape))));
  }
}
