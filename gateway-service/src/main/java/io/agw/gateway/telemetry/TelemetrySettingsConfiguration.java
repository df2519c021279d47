package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.state.ResourceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The configuration file's observability settings: {@code config.logging} and {@code
 * frontendPolicies.accessLog} (reloadable, {@link TelemetrySettings}), {@code config.tracing}'s
 * sampling and {@code config.metrics.remove} (startup-only, {@link TelemetryFileProperties}).
 */
@Configuration(proxyBeanMethods = false)
class TelemetrySettingsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TelemetrySettingsConfiguration.class);

  @Bean
  TelemetrySettings telemetrySettings(
      CelEnvironment cel,
      ObjectProvider<LoggingSystem> loggingSystem,
      @Value("${" + TelemetryFileProperties.FILE_ENDPOINT + ":}") String fileEndpoint,
      @Value("${agw.access-log.otlp.schedule-delay:1s}") Duration otlpDelay,
      ObjectProvider<io.opentelemetry.sdk.resources.Resource> resource,
      Environment environment) {
    LoggingSystem system =
        loggingSystem.getIfAvailable(() -> LoggingSystem.get(getClass().getClassLoader()));
    Map<String, String> fields =
        Binder.get(environment)
            .bind(TelemetryFileProperties.METRIC_FIELDS, Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    // The tracer's resource (service name, frontendPolicies.tracing.resources), so that records
    // and spans name the same service.
    return new TelemetrySettings(
        cel,
        new LogLevels(system),
        fileEndpoint,
        MetricFields.of(fields, cel),
        () -> resource.getIfAvailable(io.opentelemetry.sdk.resources.Resource::getDefault),
        otlpDelay);
  }

  /** Follows the configuration: the settings are recompiled with every state. */
  @Bean
  SmartInitializingSingleton telemetrySettingsFollowState(
      ResourceStore store, TelemetrySettings settings) {
    return () -> {
      store.addListener(settings);
      settings.apply(store.current());
    };
  }

  /**
   * agentgateway's {@code config.metrics.remove}: meters of these names (as the gateway names them,
   * {@code agw.requests}, or as Prometheus writes their base, {@code agw_requests}) are not
   * recorded.
   */
  @Bean
  @ConditionalOnProperty(TelemetryFileProperties.METRICS_REMOVE)
  MeterFilter removedMetrics(
      @Value("${" + TelemetryFileProperties.METRICS_REMOVE + "}") List<String> names) {
    Set<String> removed = Set.copyOf(names);
    return MeterFilter.deny(
        id -> removed.contains(id.getName()) || removed.contains(id.getName().replace('.', '_')));
  }

  /**
   * Where {@code agw.requests} is recorded: Micrometer's timer, or with {@code config.histograms}
   * {@code native} or {@code both} a Prometheus histogram with native buckets in the registry that
   * {@code /actuator/prometheus} and the stats port scrape. The timer is kept when there is no
   * Prometheus registry (its export turned off) and when {@code config.metrics.remove} names the
   * metric (the meter filter then drops it).
   */
  @Bean
  RequestDurations requestDurations(
      MeterRegistry meters,
      ObjectProvider<PrometheusMeterRegistry> prometheus,
      TelemetrySettings telemetry,
      @Value("${" + TelemetryFileProperties.HISTOGRAMS + ":classic}") String mode,
      @Value("${" + TelemetryFileProperties.METRICS_REMOVE + ":}") List<String> removed) {
    List<String> customNames = telemetry.metricFields().names();
    boolean nativeBuckets = mode.equals("native") || mode.equals("both");
    if (!nativeBuckets
        || removed.contains(RequestTimers.NAME)
        || removed.contains(RequestTimers.NAME.replace('.', '_'))) {
      return new RequestTimers(meters, customNames);
    }
    PrometheusMeterRegistry registry = prometheus.getIfAvailable();
    if (registry == null) {
      log.warn(
          "config.histograms is {} but Prometheus export is off; agw.requests is a Micrometer"
              + " timer",
          mode);
      return new RequestTimers(meters, customNames);
    }
    return new PrometheusRequestHistogram(
        registry.getPrometheusRegistry(), mode.equals("both"), customNames);
  }

  /**
   * Boot's sampler (parent-based, {@code management.tracing.sampling.probability} for new traces)
   * with agentgateway's {@code clientSampling}: the share of traces the caller sampled that the
   * gateway records too; either written as a CEL expression is decided per request instead ({@link
   * TraceSampling}). Only when the file sets {@code config.tracing}.
   */
  @Bean
  @ConditionalOnProperty(TelemetryFileProperties.CLIENT_SAMPLING)
  Sampler agentgatewaySampler(
      @Value("${management.tracing.sampling.probability:0.1}") double random,
      @Value("${" + TelemetryFileProperties.CLIENT_SAMPLING + "}") double client) {
    return new RequestSampler(
        Sampler.parentBasedBuilder(Sampler.traceIdRatioBased(random))
            .setRemoteParentSampled(
                client >= 1.0 ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(client))
            .build());
  }
}
