package io.agw.gateway.server;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.process.WorkerLoops;
import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.telemetry.AccessLogFilter;
import io.agw.gateway.telemetry.GatewayTracing;
import io.agw.gateway.telemetry.RequestDurations;
import io.agw.gateway.telemetry.ServerSpanFilter;
import io.agw.gateway.telemetry.SpanGate;
import io.agw.gateway.telemetry.TelemetrySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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
      SpanGate spanGate,
      TelemetrySettings telemetry,
      RequestDurations durations,
      WorkerLoops loops,
      @Value("${agw.drain.deadline:#{null}}") Duration deadline,
      @Value("${agw.drain.min-deadline:#{null}}") Duration minDeadline) {
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
                filters.add(
                    new ServerSpanFilter(
                        tracing,
                        telemetry::spans,
                        telemetry::sampling,
                        telemetry::traceFilter,
                        spanGate));
              }
              filters.add(
                  new AccessLogFilter(
                      "port-" + port,
                      properties.accessLog().enabled(),
                      meters,
                      telemetry::accessLog,
                      telemetry.metricFields(),
                      durations,
                      telemetry::otlpAccessLog));
              filters.add(errorResponses);
              return WebHttpHandlerBuilder.webHandler(new BindWebHandler(port, store, filtering))
                  .filters(f -> f.addAll(filters))
                  .exceptionHandler(errors)
                  .codecConfigurer(codecs)
                  .build();
            },
            new Drain(deadline == null ? defaultDeadline() : deadline, minDeadline),
            loops.loops());
    store.addListener(servers);
    return servers;
  }

  /**
   * agentgateway's default drain deadline: 5 seconds, or under Kubernetes ({@code
   * TERMINATION_GRACE_PERIOD_SECONDS}) a little less than the pod's grace period, so that what is
   * left is closed by the gateway rather than killed.
   */
  static Duration defaultDeadline() {
    String grace = System.getenv("TERMINATION_GRACE_PERIOD_SECONDS");
    if (grace == null || grace.isBlank()) {
      return Duration.ofSeconds(5);
    }
    try {
      long secs = Long.parseLong(grace.trim());
      return Duration.ofSeconds(Math.max(secs > 10 ? secs - 5 : secs - 1, 1));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(5);
    }
  }
}
