package io.agw.gateway.usage.budget;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API of budgets on the admin port: {@code GET/POST /api/v1/budgets}, {@code
 * GET/PATCH/DELETE /api/v1/budgets/{id}} and {@code GET /api/v1/budgets/{id}/spend} (the current
 * window's spent, reserved and remaining amounts). Changes are written to the database and put in
 * this replica's cache at once; other replicas see them within one poll. Database work runs on a
 * worker thread. Errors are {@code {"error":{"type","message"}}}: 400 naming the field, 404 for an
 * unknown id, 503 when the database is not available. Thread-safe.
 */
public final class BudgetAdminRoutes {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BudgetStore store;
  private final BudgetCatalog catalog;
  private final BudgetLedger ledger;

  public BudgetAdminRoutes(BudgetStore store, BudgetCatalog catalog, BudgetLedger ledger) {
    this.store = store;
    this.catalog = catalog;
    this.ledger = ledger;
  }

  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET("/api/v1/budgets", r -> blocking(this::list))
        .POST("/api/v1/budgets", this::create)
        .GET("/api/v1/budgets/{id}/spend", r -> blocking(() -> spend(r.pathVariable("id"))))
        .GET("/api/v1/budgets/{id}", r -> blocking(() -> get(r.pathVariable("id"))))
        .PATCH("/api/v1/budgets/{id}", this::update)
        .DELETE("/api/v1/budgets/{id}", r -> blocking(() -> delete(r.pathVariable("id"))))
        .build();
  }

  private Answer list() {
    ArrayNode budgets = JsonNodeFactory.instance.arrayNode();
    store.all().forEach(b -> budgets.add(BudgetRequest.json(b)));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("budgets", budgets);
    return new Answer(HttpStatus.OK, body);
  }

  private Mono<ServerResponse> create(ServerRequest request) {
    return body(request)
        .flatMap(
            json ->
                blocking(
                    () -> {
                      Budget b = BudgetRequest.create("bud_" + UUID.randomUUID(), json);
                      store.insert(b);
                      catalog.refresh();
                      return new Answer(HttpStatus.CREATED, BudgetRequest.json(b));
                    }))
        .onErrorResume(BudgetRequest.Invalid.class, BudgetAdminRoutes::invalid);
  }

  private Answer get(String id) {
    return store
        .find(id)
        .map(b -> new Answer(HttpStatus.OK, BudgetRequest.json(b)))
        .orElseGet(() -> notFound(id));
  }

  private Mono<ServerResponse> update(ServerRequest request) {
    String id = request.pathVariable("id");
    return body(request)
        .flatMap(
            json ->
                blocking(
                    () -> {
                      var current = store.find(id);
                      if (current.isEmpty()) {
                        return notFound(id);
                      }
                      Budget changed = BudgetRequest.update(current.get(), json);
                      store.update(changed);
                      catalog.refresh();
                      return new Answer(HttpStatus.OK, BudgetRequest.json(changed));
                    }))
        .onErrorResume(BudgetRequest.Invalid.class, BudgetAdminRoutes::invalid);
  }

  private Answer delete(String id) {
    if (!store.delete(id)) {
      return notFound(id);
    }
    catalog.refresh();
    return new Answer(HttpStatus.NO_CONTENT, null);
  }

  private Answer spend(String id) {
    var found = store.find(id);
    if (found.isEmpty()) {
      return notFound(id);
    }
    Budget b = found.get();
    BudgetLedger.WindowSpend spend = ledger.spendNow(b);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", b.id());
    body.put("unit", b.unit().wireName());
    body.put("amount", BudgetRequest.units(b, b.amount()));
    body.put("spent", BudgetRequest.units(b, spend.spent()));
    body.put("reserved", BudgetRequest.units(b, spend.reserved()));
    body.put("remaining", BudgetRequest.units(b, spend.remaining()));
    body.put("windowStart", spend.period().start().toString());
    if (spend.period().end() == null) {
      body.putNull("windowEnd");
    } else {
      body.put("windowEnd", spend.period().end().toString());
    }
    return new Answer(HttpStatus.OK, body);
  }

  private record Answer(HttpStatus status, JsonNode body) {}

  private static String location(Answer answer) {
    return "/api/v1/budgets/" + answer.body().path("id").asString();
  }

  private static Mono<JsonNode> body(ServerRequest request) {
    return request
        .bodyToMono(byte[].class)
        .defaultIfEmpty(new byte[0])
        .map(
            bytes -> {
              try {
                return JSON.readTree(bytes);
              } catch (JacksonException e) {
                throw new BudgetRequest.Invalid("body", "is not valid JSON");
              }
            });
  }

  private static Mono<ServerResponse> blocking(Callable<Answer> work) {
    return Mono.fromCallable(work)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(BudgetAdminRoutes::write)
        .onErrorResume(BudgetRequest.Invalid.class, BudgetAdminRoutes::invalid)
        .onErrorResume(
            e -> !(e instanceof BudgetRequest.Invalid),
            e ->
                error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "store_unavailable",
                    "the usage database is not available"));
  }

  private static Mono<ServerResponse> write(Answer answer) {
    if (answer.body() == null) {
      return ServerResponse.status(answer.status()).build();
    }
    var response = ServerResponse.status(answer.status());
    if (answer.status() == HttpStatus.CREATED) {
      response = response.header("Location", location(answer));
    }
    return response
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(JSON.writeValueAsBytes(answer.body()));
  }

  private static Mono<ServerResponse> invalid(BudgetRequest.Invalid e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
  }

  private static Answer notFound(String id) {
    return new Answer(
        HttpStatus.NOT_FOUND, errorBody("not_found", "no budget with id '" + id + "'"));
  }

  private static Mono<ServerResponse> error(HttpStatus status, String type, String message) {
    return write(new Answer(status, errorBody(type, message)));
  }

  private static ObjectNode errorBody(String type, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("type", type);
    error.put("message", message);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", error);
    return body;
  }
}
