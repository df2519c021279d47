package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.state.ResourceStore;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration file's observability settings: {@code config.logging} and {@code
 * frontendPolicies.accessLog} (reloadable, {@link TelemetrySettings}) and {@code config.tracing}'s
 * sampling (startup-only, {@link TracingFileProperties}).
 */
@Configuration(proxyBeanMethods = false)
class TelemetrySettingsConfiguration {

  @Bean
  TelemetrySettings telemetrySettings(
      CelEnvironment cel,
      ObjectProvider<LoggingSystem> loggingSystem,
      @Value("${" + TracingFileProperties.FILE_ENDPOINT + ":}") String fileEndpoint) {
    LoggingSystem system =
        loggingSystem.getIfAvailable(() -> LoggingSystem.get(getClass().getClassLoader()));
    return new TelemetrySettings(cel, new LogLevels(system), fileEndpoint);
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
   * Boot's sampler (parent-based, {@code management.tracing.sampling.probability} for new traces)
   * with agentgateway's {@code clientSampling}: the share of traces the caller sampled that the
   * gateway records too. Only when the file sets {@code config.tracing}.
   */
  @Bean
  @ConditionalOnProperty(TracingFileProperties.CLIENT_SAMPLING)
  Sampler agentgatewaySampler(
      @Value("${management.tracing.sampling.probability:0.1}") double random,
      @Value("${" + TracingFileProperties.CLIENT_SAMPLING + "}") double client) {
    return Sampler.parentBasedBuilder(Sampler.traceIdRatioBased(random))
        .setRemoteParentSampled(
            client >= 1.0 ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(client))
        .build();
  }
}
