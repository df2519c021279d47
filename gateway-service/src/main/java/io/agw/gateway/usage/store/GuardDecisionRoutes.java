package io.agw.gateway.usage.store;

import io.agw.gateway.admin.api.AdminApiErrors;
import io.agw.gateway.admin.api.AdminApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/guardrails/decisions}: guardrail decisions counted by time bucket ({@code
 * bucket=minute|hour|day} in {@code timeZone}), guard, action and phase, over {@code [from, to)}
 * (default: the last day), optionally only one {@code guard} or {@code action}. Queries run on the
 * bounded-elastic scheduler. Stateless.
 */
public final class GuardDecisionRoutes {

  static final Duration DEFAULT_RANGE = Duration.ofDays(1);

  /** The most buckets one answer may span per guard, action and phase. */
  static final long MAX_BUCKETS = 50_000;

  private final UsageStore store;
  private final Clock clock;

  public GuardDecisionRoutes(UsageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route().GET("/api/v1/guardrails/decisions", this::decisions).build();
  }

  private Mono<ServerResponse> decisions(ServerRequest request) {
    Query query;
    try {
      query = query(request);
    } catch (AdminApiException e) {
      return AdminApiErrors.handle(e);
    }
    Optional<UsageDatabase> database = store.database();
    if (database.isEmpty()) {
      return AdminApiErrors.response(
          HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the usage store is not available yet");
    }
    SpendQuery zoned = new SpendQuery(List.of(), query.from, query.to, Map.of(), query.zone);
    return Mono.fromCallable(
            () ->
                GuardDecisionTable.counts(
                    database.get().jdbc(),
                    query.from,
                    query.to,
                    query.bucket,
                    SpendQueries.offset(zoned),
                    query.guard,
                    query.action))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            rows ->
                ServerResponse.ok()
                    .bodyValue(
                        Map.of(
                            "from", query.from.toString(),
                            "to", query.to.toString(),
                            "bucket", query.bucket.name().toLowerCase(Locale.ROOT),
                            "timeZone", query.zone.getId(),
                            "rows", rows)))
        .onErrorResume(AdminApiErrors::handle);
  }

  private record Query(
      Instant from,
      Instant to,
      GuardDecisionTable.Bucket bucket,
      ZoneId zone,
      String guard,
      String action) {}

  private Query query(ServerRequest request) {
    GuardDecisionTable.Bucket bucket;
    String name = request.queryParam("bucket").orElse("hour");
    try {
      bucket = GuardDecisionTable.Bucket.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AdminApiException.invalid("bucket", "must be minute, hour or day");
    }
    TimeRange range = TimeRange.of(request, clock, DEFAULT_RANGE);
    if (Duration.between(range.from(), range.to()).toMillis() / bucket.millis() > MAX_BUCKETS) {
      throw AdminApiException.invalid(
          "bucket", "spans more than " + MAX_BUCKETS + " buckets; use a larger one");
    }
    return new Query(
        range.from(),
        range.to(),
        bucket,
        range.zone(),
        request.queryParam("guard").orElse(null),
        request.queryParam("action").orElse(null));
  }
}
