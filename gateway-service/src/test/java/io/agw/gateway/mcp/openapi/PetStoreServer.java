package io.agw.gateway.mcp.openapi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback implementing part of the pet store API under {@code /api/v1}:
 * {@code GET /pets} (every pet, as a JSON array), {@code GET /pets/{id}} (404 with a JSON message
 * for an unknown id) and {@code POST /pets} (stores the JSON body, answers 201 with the stored
 * pet). Records every request.
 */
final class PetStoreServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.shared();

  /** One received request. */
  record Received(String method, String uri, Map<String, String> headers, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, Object>> pets = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1);
  private final DisposableServer server;
  private final CountDownLatch abandoned = new CountDownLatch(1);

  PetStoreServer() {
    pets.put("1", pet(1, "Rex"));
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                r ->
                    r.get("/api/v1/pets", this::list)
                        .get("/api/v1/pets/{id}", this::get)
                        .post("/api/v1/pets", this::post))
            .bindNow();
  }

  int port() {
    return server.port();
  }

  /** Whether a request to the slow pet was abandoned by its client within {@code wait}. */
  boolean abandoned(Duration wait) throws InterruptedException {
    return abandoned.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  List<Received> received() {
    return received;
  }

  /** Forgets the requests received so far. */
  void clear() {
    received.clear();
  }

  private Mono<Void> list(HttpServerRequest req, HttpServerResponse res) {
    record(req, "");
    return json(res, 200, List.copyOf(pets.values()));
  }

  private Mono<Void> get(HttpServerRequest req, HttpServerResponse res) {
    record(req, "");
    if ("slow".equals(req.param("id"))) {
      // Answers only after the test is over; a client that gives up closes the connection.
      return Mono.delay(Duration.ofSeconds(30))
          .then(json(res, 200, Map.of()))
          .doOnCancel(abandoned::countDown);
    }
    Map<String, Object> pet = pets.get(req.param("id"));
    if (pet == null) {
      return json(res, 404, Map.of("message", "no pet " + req.param("id")));
    }
    return json(res, 200, pet);
  }

  @SuppressWarnings("unchecked")
  private Mono<Void> post(HttpServerRequest req, HttpServerResponse res) {
    return req.receive()
        .aggregate()
        .asString()
        .defaultIfEmpty("")
        .flatMap(
            body -> {
              record(req, body);
              Map<String, Object> pet = new LinkedHashMap<>(JSON.readValue(body, Map.class));
              long id = ids.incrementAndGet();
              pet.put("id", id);
              pets.put(String.valueOf(id), pet);
              return json(res, 201, pet);
            });
  }

  private void record(HttpServerRequest req, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    received.add(new Received(req.method().name(), req.uri(), headers, body));
  }

  private static Mono<Void> json(HttpServerResponse res, int status, Object body) {
    return res.status(status)
        .header("Content-Type", "application/json")
        .sendByteArray(Mono.just(JSON.writeValueAsBytes(body)))
        .then();
  }

  private static Map<String, Object> pet(long id, String name) {
    Map<String, Object> pet = new LinkedHashMap<>();
    pet.put("id", id);
    pet.put("name", name);
    return pet;
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
