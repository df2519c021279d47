package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.config.control.XdsEnabled;
import io.agw.gateway.state.ResourceStore;
import io.agw.model.config.GatewaySettings;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Where the gateway's resources come from: the YAML file (or the built-in default), unless the
 * control service does ({@code agw.xds.address}, see {@code config.control}). One source at a time:
 * two would overwrite each other's resources. With the file comes its editor (the admin API's
 * configuration writes) and, in hybrid storage, the overlay a {@link ConfigOverlayStore} keeps.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(XdsEnabled.Disabled.class)
class ConfigSourceConfiguration {

  @Bean
  ConfigFileSource configFileSource(
      GatewayProperties properties,
      ResourceStore store,
      ObjectProvider<ConfigOverlayStore> overlays,
      CelEnvironment cel,
      ApplicationContext context) {
    // The admin server starts before the config source (its lifecycle phase is earlier), so its
    // real port, even a random one, is known when the built-in configuration is applied.
    return new ConfigFileSource(
        properties.config(), store, () -> adminPort(context), overlays::getIfAvailable, cel);
  }

  /**
   * The file's settings as last applied, for features outside this package that must not depend on
   * it (the architecture rules keep policy features away from the configuration sources).
   */
  @Bean
  Supplier<GatewaySettings> fileSettings(ConfigFileSource file) {
    return file::settings;
  }

  @Bean
  ConfigEditor configEditor(
      ConfigFileSource file, ResourceStore store, ObjectProvider<ConfigOverlayStore> overlays) {
    return new ConfigEditor(file, store, overlays::getIfAvailable);
  }

  private static int adminPort(ApplicationContext context) {
    if (context instanceof WebServerApplicationContext web
        && web.getWebServer() != null
        && web.getWebServer().getPort() > 0) {
      return web.getWebServer().getPort();
    }
    return context.getEnvironment().getProperty("server.port", Integer.class, 0);
  }
}
