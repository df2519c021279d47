package io.agw.gateway.admin.ui;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.GatewayProperties;
import io.agw.gateway.config.ConfigEditor;
import io.agw.gateway.config.ConfigFileSource;
import io.agw.gateway.llm.balance.Endpoints;
import io.agw.gateway.state.ResourceStore;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The overview and configuration endpoints of the admin API (see the package description). */
@Configuration(proxyBeanMethods = false)
class UiAdminConfiguration {

  @Bean
  RouterFunction<ServerResponse> overviewRoutes(
      ResourceStore store,
      Endpoints endpoints,
      ObjectProvider<ConfigFileSource> file,
      GatewayProperties properties,
      Environment environment) {
    String version = GatewayApplication.class.getPackage().getImplementationVersion();
    OverviewRoutes.Facts facts =
        new OverviewRoutes.Facts(
            version == null ? "development" : version,
            Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
            () -> {
              ConfigFileSource source = file.getIfAvailable();
              return source == null ? "controlPlane" : source.path() == null ? "builtin" : "file";
            },
            () -> {
              ConfigFileSource source = file.getIfAvailable();
              return source == null || source.path() == null ? null : source.path().toString();
            },
            () -> {
              ConfigFileSource source = file.getIfAvailable();
              return source == null ? properties.xds().gateway() : source.settings().gateway();
            });
    return new OverviewRoutes(
            new OverviewBuilder(store, endpoints),
            facts,
            () -> environment.getProperty("local.server.port", Integer.class, 0))
        .routes();
  }

  @Bean
  RouterFunction<ServerResponse> configRoutes(ObjectProvider<ConfigEditor> editor) {
    return new ConfigRoutes(editor.getIfAvailable()).routes();
  }
}
