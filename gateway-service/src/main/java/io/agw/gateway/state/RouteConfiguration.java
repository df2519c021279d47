package io.agw.gateway.state;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route locator over the current state. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

  @Bean
  StateRouteLocator stateRouteLocator(ResourceStore store, ApplicationEventPublisher events) {
    StateRouteLocator locator = new StateRouteLocator(store, events);
    store.addListener(locator);
    return locator;
  }
}
