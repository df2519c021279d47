package io.agw.gateway.ui;

import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.state.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The admin UI on the admin port ({@link UiRoutes}) and the relay to it from listeners. */
@Configuration(proxyBeanMethods = false)
class UiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(UiConfiguration.class);

  /** Where the frontend module's build puts the UI inside its jar. */
  static final String LOCATION = "agw-ui/";

  @Bean
  AdminPort adminPort(Environment environment) {
    return new AdminPort(environment);
  }

  @Bean
  BackendKind adminBackendKind(AdminPort adminPort) {
    return new AdminBackendKind(adminPort);
  }

  @Bean
  RouterFunction<ServerResponse> uiRoutes(ResourceStore store) {
    ContentSecurityPolicy policy = new ContentSecurityPolicy(store);
    UiRoutes ui = new UiRoutes(new ClassPathResource(LOCATION), policy::header);
    if (!ui.present()) {
      log.info("the admin UI is not part of this build (no {} on the classpath)", LOCATION);
    }
    return ui.routes();
  }
}
