package io.agw.gateway.state;

import io.agw.gateway.route.CompiledRoute;
import io.agw.gateway.route.PortRouter;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Flux;

/**
 * Spring Cloud Gateway's view of the current state's routes, for the gateway's own machinery
 * (filter caches, actuator). Requests are not matched by scanning these routes: each route's
 * predicate only accepts the exchange the {@link PortRouter} chose it for. A new state refreshes
 * Spring Cloud Gateway's route caches.
 */
public final class StateRouteLocator implements RouteLocator, StateListener {

  private final ResourceStore store;
  private final ApplicationEventPublisher events;

  public StateRouteLocator(ResourceStore store, ApplicationEventPublisher events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public Flux<Route> getRoutes() {
    GatewayState state = store.current();
    return state == null
        ? Flux.empty()
        : Flux.fromIterable(state.routes()).map(CompiledRoute::route);
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    events.publishEvent(new RefreshRoutesEvent(this));
  }
}
