package io.agw.gateway.usage;

import io.agw.gateway.usage.store.DatabaseSettings;
import io.agw.gateway.usage.store.UsageDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The usage store's database. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

  @Bean(destroyMethod = "close")
  UsageDatabase usageDatabase(
      @Value("${agw.database.url:sqlite:data/agw.db}") String url,
      @Value("${agw.database.max-connections:" + DatabaseSettings.DEFAULT_MAX_CONNECTIONS + "}")
          int maxConnections) {
    return UsageDatabase.open(new DatabaseSettings(url, maxConnections));
  }
}
