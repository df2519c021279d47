package io.agw.gateway.admin.cel;

import io.agw.gateway.cel.CelEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The CEL playground's route on the admin port. */
@Configuration(proxyBeanMethods = false)
class CelEvaluateConfiguration {

  @Bean
  RouterFunction<ServerResponse> celEvaluateRoutes(CelEnvironment cel) {
    return new CelEvaluateRoutes(cel).routes();
  }
}
