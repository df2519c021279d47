package io.agw.gateway.http;

import io.agw.model.resource.v1.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The {@code retry} policy, carried out by Spring Cloud Gateway's retry filter: every method is
 * retried (the request body is cached for replay), on the configured status codes and on connection
 * errors and upstream timeouts, with a fixed backoff between attempts.
 */
public final class RetryFilters {

  private static final RetryGatewayFilterFactory FACTORY = new RetryGatewayFilterFactory();

  private RetryFilters() {}

  public static GatewayFilter create(String routeId, Retry retry) {
    RetryConfig config = new RetryConfig();
    config.setRouteId(routeId);
    config.setRetries(Math.max(0, retry.getAttempts() - 1));
    config.setMethods(HttpMethod.values());
    config.setSeries();
    config.setStatuses(
        retry.getCodesList().stream().map(HttpStatus::valueOf).toArray(HttpStatus[]::new));
    config.setExceptions(IOException.class, TimeoutException.class);
    if (retry.hasBackoff()) {
      Duration backoff =
          Duration.ofSeconds(retry.getBackoff().getSeconds(), retry.getBackoff().getNanos());
      config.setBackoff(backoff, backoff, 1, false);
    }
    GatewayFilter retrying = FACTORY.apply(config);
    // The body is read once from the client; cache it so that every attempt can send it again.
    return (exchange, chain) ->
        ServerWebExchangeUtils.cacheRequestBody(
            exchange,
            request -> retrying.filter(exchange.mutate().request(request).build(), chain));
  }
}
