package io.agw.gateway.usage.store;

import io.agw.gateway.admin.api.AdminApiErrors;
import io.agw.gateway.admin.api.AdminApiException;
import io.agw.gateway.usage.store.SpendQuery.Dimension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The usage store's admin API on the admin port: {@code GET /api/v1/usage} (spend queries) and
 * {@code GET /api/v1/usage/records} (recent records, newest or slowest first, all or only the
 * failed ones, with a cursor). Queries run on the bounded-elastic scheduler, never on an event
 * loop. Answers 400 naming the bad parameter, 503 while the store is not open. Authentication is
 * the admin API's filter (for every {@code /api/**}).
 */
public final class UsageRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final UsageStore store;
  private final Clock clock;

  public UsageRoutes(UsageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/api/v1/usage", this::usage)
        .GET("/api/v1/usage/records", this::records)
        .build();
  }

  private Mono<ServerResponse> usage(ServerRequest request) {
    SpendQuery query;
    try {
      query = query(request);
    } catch (AdminApiException e) {
      return AdminApiErrors.handle(e);
    }
    return withDatabase(
        database -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("groupBy", query.groupBy().stream().map(Dimension::apiName).toList());
          body.put("from", query.from().toString());
          body.put("to", query.to().toString());
          body.put("timeZone", query.timeZone().getId());
          body.put("rows", new SpendQueries(database).run(query));
          return body;
        });
  }

  SpendQuery query(ServerRequest request) {
    List<Dimension> groupBy = new ArrayList<>();
    Optional<String> group = request.queryParam("groupBy");
    if (group.isPresent() && !group.get().isBlank()) {
      for (String name : group.get().split(",")) {
        try {
          Dimension d = Dimension.of(name);
          if (!groupBy.contains(d)) {
            groupBy.add(d);
          }
        } catch (IllegalArgumentException e) {
          throw AdminApiException.invalid("groupBy", e.getMessage());
        }
      }
    }
    TimeRange range = TimeRange.of(request, clock, SpendQuery.DEFAULT_RANGE);
    Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      if (d.column() != null) {
        request.queryParam(d.apiName()).ifPresent(value -> filters.put(d, value));
      }
    }
    return new SpendQuery(groupBy, range.from(), range.to(), filters, range.zone());
  }

  private Mono<ServerResponse> records(ServerRequest request) {
    RecordQuery query;
    try {
      int limit = request.queryParam("limit").map(UsageRoutes::limit).orElse(DEFAULT_LIMIT);
      RecordQuery.Order order =
          switch (request.queryParam("sort").orElse("time")) {
            case "time" -> RecordQuery.Order.TIME;
            case "latency" -> RecordQuery.Order.LATENCY;
            default ->
                throw AdminApiException.invalid("sort", "must be time (newest first) or latency");
          };
      boolean failed =
          switch (request.queryParam("failed").orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AdminApiException.invalid("failed", "must be true or false");
          };
      RecordQuery.Cursor cursor = null;
      Optional<String> before = request.queryParam("before");
      if (before.isPresent()) {
        cursor = RecordQuery.Cursor.parse(order, before.get());
        if (cursor == null) {
          throw AdminApiException.invalid("before", "is not a cursor from 'next' of the same sort");
        }
      }
      query = new RecordQuery(limit, order, failed, cursor);
    } catch (AdminApiException e) {
      return AdminApiErrors.handle(e);
    }
    return withDatabase(
        database -> {
          List<UsageRecord> rows = UsageRecordTable.recent(database.jdbc(), query);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("records", rows);
          UsageRecord last = rows.size() == query.limit() ? rows.get(rows.size() - 1) : null;
          body.put("next", last == null ? null : query.order().cursorOf(last));
          return body;
        });
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminApiException.invalid("limit", "must be a number from 1 to " + MAX_LIMIT);
  }

  private Mono<ServerResponse> withDatabase(Function<UsageDatabase, Object> answer) {
    Optional<UsageDatabase> database = store.database();
    if (database.isEmpty()) {
      return AdminApiErrors.response(
          HttpStatus.SERVICE_UNAVAILABLE,
          "unavailable",
          "the usage store is not available yet ("
              + store.state().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    return Mono.fromCallable(() -> answer.apply(database.get()))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(body -> ServerResponse.ok().bodyValue(body))
        .onErrorResume(
            org.springframework.dao.DataAccessException.class,
            e ->
                AdminApiErrors.response(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the usage store cannot answer now"));
  }
}
