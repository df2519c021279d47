package io.agw.gateway.server;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.telemetry.AccessLogFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/** The traffic ports: one HTTP server per bind, each serving only gateway routes. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

  @Bean
  BindServers bindServers(
      GatewayProperties properties,
      ResourceStore store,
      FilteringWebHandler filtering,
      ServerCodecConfigurer codecs,
      MeterRegistry meters) {
    GatewayErrorHandler errors = new GatewayErrorHandler();
    WebFilter errorResponses =
        (exchange, chain) -> chain.filter(exchange).onErrorResume(e -> errors.handle(exchange, e));
    BindServers servers =
        new BindServers(
            properties.bindAddress(),
            port ->
                WebHttpHandlerBuilder.webHandler(new BindWebHandler(port, store, filtering))
                    .filter(
                        new AccessLogFilter(
                            "port-" + port, properties.accessLog().enabled(), meters),
                        errorResponses)
                    .exceptionHandler(errors)
                    .codecConfigurer(codecs)
                    .build());
    store.addListener(servers);
    return servers;
  }
}
