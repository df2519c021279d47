package io.agw.gateway.usage.keys;

import io.agw.gateway.ratelimit.RateLimitFilters;
import io.agw.gateway.usage.store.StoreNotOpenException;
import io.agw.gateway.usage.store.UsageStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Virtual keys: their cache (the {@code apiKey} policies' lookup), limits and admin routes. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

  @Bean
  VirtualKeyRepository virtualKeyRepository(UsageStore store) {
    // The store opens in the background: until it is open, the repository's calls fail with a
    // DataAccessException.
    return new VirtualKeyRepository(() -> store.database().orElseThrow(StoreNotOpenException::new));
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  VirtualKeyCache virtualKeyCache(
      VirtualKeyRepository repository,
      @Value("${agw.keys.refresh-interval:250ms}") Duration refreshInterval,
      @Value("${agw.keys.full-reload-interval:1m}") Duration fullReloadInterval) {
    return new VirtualKeyCache(repository, Clock.systemUTC(), refreshInterval, fullReloadInterval);
  }

  @Bean
  VirtualKeyLimitFilter virtualKeyLimitFilter(VirtualKeyCache keys, RateLimitFilters limits) {
    return new VirtualKeyLimitFilter(keys, limits);
  }

  @Bean
  RouterFunction<ServerResponse> virtualKeyRoutes(
      VirtualKeyRepository repository, VirtualKeyCache cache) {
    return new KeysRoutes(repository, cache, Clock.systemUTC()).routes();
  }
}
