package io.agw.control.xds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delta ADS server: spring-grpc serves the {@link DeltaAdsService} bean on {@code
 * spring.grpc.server.port} (15010 by default, {@code AGW_XDS_PORT}).
 */
@Configuration(proxyBeanMethods = false)
class XdsConfiguration {

  @Bean
  SnapshotCache snapshotCache() {
    return new SnapshotCache();
  }

  @Bean
  GatewayDeliveries gatewayDeliveries() {
    return new GatewayDeliveries();
  }

  @Bean
  DeltaAdsService deltaAdsService(SnapshotCache cache, GatewayDeliveries deliveries) {
    return new DeltaAdsService(cache, deliveries);
  }
}
