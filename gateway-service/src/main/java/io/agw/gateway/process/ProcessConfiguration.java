package io.agw.gateway.process;

import io.agw.model.config.ProcessSettings.LookupFamily;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process settings' beans: the worker loops, the upstream connection defaults, the stats and
 * readiness servers. Their properties come from the file's {@code config} block ({@link
 * ProcessSettingsEnvironment}) or are set directly.
 */
@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

  @Bean
  WorkerLoops workerLoops(@Value("${agw.worker-threads:#{null}}") Integer threads) {
    return new WorkerLoops(threads);
  }

  @Bean
  UpstreamConnections upstreamConnections(
      @Value("${agw.backend.keepalive.enabled:true}") boolean keepalive,
      @Value("${agw.backend.keepalive.time:3m}") Duration time,
      @Value("${agw.backend.keepalive.interval:3m}") Duration interval,
      @Value("${agw.backend.keepalive.retries:9}") int retries,
      @Value("${agw.dns.enable-ipv6:true}") boolean enableIpv6,
      @Value("${agw.dns.lookup-family:#{null}}") LookupFamily lookupFamily,
      @Value("${agw.dns.edns0:#{null}}") Boolean edns0,
      WorkerLoops loops) {
    return new UpstreamConnections(
        keepalive, time, interval, retries, enableIpv6, lookupFamily, edns0, loops);
  }

  @Bean
  StatsServer statsServer(
      @Value("${agw.stats.address:}") String address,
      ObjectProvider<PrometheusMeterRegistry> registry) {
    var listen = ListenAddresses.parse("agw.stats.address", address);
    if (listen != null && registry.getIfAvailable() == null) {
      throw new IllegalStateException("agw.stats.address needs the Prometheus registry");
    }
    return new StatsServer(listen, listen == null ? null : registry.getObject());
  }

  @Bean
  ReadinessServer readinessServer(
      @Value("${agw.readiness.address:}") String address,
      ObjectProvider<HealthEndpoint> health,
      ApplicationAvailability availability) {
    return new ReadinessServer(
        ListenAddresses.parse("agw.readiness.address", address),
        () -> {
          if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return false;
          }
          HealthEndpoint endpoint = health.getIfAvailable();
          if (endpoint == null) {
            return true;
          }
          var readiness = endpoint.healthForPath("readiness");
          return readiness != null && Status.UP.equals(readiness.getStatus());
        });
  }
}
