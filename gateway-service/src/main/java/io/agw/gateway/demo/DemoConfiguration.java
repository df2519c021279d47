package io.agw.gateway.demo;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The demo stand-ins on the admin port, while {@link DemoEnabled} says so. */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoEnabled.class)
class DemoConfiguration {

  @Bean
  RouterFunction<ServerResponse> demoModelRoutes() {
    return new DemoModelRoutes(Clock.systemUTC()).routes();
  }

  @Bean(destroyMethod = "close")
  DemoMcpServer demoMcpServer(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? "dev" : properties.getVersion();
    return new DemoMcpServer(version, Clock.systemUTC());
  }

  @Bean
  RouterFunction<ServerResponse> demoMcpRoutes(DemoMcpServer server) {
    return server.routes();
  }
}
