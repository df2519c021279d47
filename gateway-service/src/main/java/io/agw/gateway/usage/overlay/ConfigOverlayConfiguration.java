package io.agw.gateway.usage.overlay;

import io.agw.gateway.config.ConfigOverlayStore;
import io.agw.gateway.usage.store.UsageStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The overlay store of hybrid configuration storage, in the usage store's database. */
@Configuration(proxyBeanMethods = false)
class ConfigOverlayConfiguration {

  @Bean
  ConfigOverlayStore configOverlayStore(UsageStore store) {
    return new JdbcConfigOverlayStore(store, Clock.systemUTC());
  }
}
