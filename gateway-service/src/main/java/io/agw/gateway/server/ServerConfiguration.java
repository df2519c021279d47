package io.agw.gateway.server;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.telemetry.AccessLogFilter;
import io.agw.gateway.telemetry.GatewayTracing;
import io.agw.gateway.telemetry.ServerSpanFilter;
import io.agw.gateway.telemetry.TelemetrySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/** The traffic ports: one HTTP server per bind, each serving only gateway routes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PathNormalizationProperties.class)
class ServerConfiguration {

  @Bean
  BindServers bindServers(
      GatewayProperties properties,
      PathNormalizationProperties pathNormalization,
      ResourceStore store,
      FilteringWebHandler filtering,
      ServerCodecConfigurer codecs,
      MeterRegistry meters,
      GatewayTracing tracing,
      TelemetrySettings telemetry) {
    GatewayErrorHandler errors = new GatewayErrorHandler();
    PathNormalizer normalizer = pathNormalization.normalizer();
    WebFilter errorResponses =
        (exchange, chain) -> chain.filter(exchange).onErrorResume(e -> errors.handle(exchange, e));
    BindServers servers =
        new BindServers(
            properties.bindAddress(),
            properties.server(),
            port -> {
              List<WebFilter> filters = new ArrayList<>();
              if (normalizer != null) {
                // Before everything, so that spans, the access log, routing, policies and the
                // backend all see the normalized path.
                filters.add(new PathNormalizationFilter(normalizer));
              }
              if (tracing.enabled()) {
                // First, so that the access log line and every later span see the trace.
                filters.add(new ServerSpanFilter(tracing, telemetry::spans));
              }
              filters.add(
                  new AccessLogFilter(
                      "port-" + port,
                      properties.accessLog().enabled(),
                      meters,
                      telemetry::accessLog));
              filters.add(errorResponses);
              return WebHttpHandlerBuilder.webHandler(new BindWebHandler(port, store, filtering))
                  .filters(f -> f.addAll(filters))
                  .exceptionHandler(errors)
                  .codecConfigurer(codecs)
                  .build();
            });
    store.addListener(servers);
    return servers;
  }
}
