package io.agw.gateway.process;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/**
 * agentgateway's stats server ({@code config.statsAddr}): {@code GET /metrics} answers the
 * Prometheus text format of the same registry as the admin port's {@code /actuator/prometheus}, or
 * the Prometheus protobuf format when the scraper asks for it (the only format with native
 * histograms, {@code config.histograms}).
 */
final class StatsServer extends SideServer {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";

  StatsServer(InetSocketAddress address, PrometheusMeterRegistry registry) {
    super(
        "stats server",
        address,
        routes ->
            routes.get(
                "/metrics",
                (request, response) -> {
                  if (wantsProtobuf(request.requestHeaders().get("Accept"))) {
                    return response
                        .header("Content-Type", PROTOBUF)
                        .send(
                            Mono.fromCallable(
                                () -> {
                                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                                  registry.scrape(out, PROTOBUF);
                                  return Unpooled.wrappedBuffer(out.toByteArray());
                                }));
                  }
                  return response
                      .header("Content-Type", CONTENT_TYPE)
                      .sendString(Mono.fromCallable(registry::scrape));
                }));
  }

  private static boolean wantsProtobuf(String accept) {
    return accept != null
        && accept.contains("application/vnd.google.protobuf")
        && accept.contains("io.prometheus.client.MetricFamily");
  }
}
