package io.agw.gateway.llm.sim;

import io.agw.gateway.llm.sim.ProviderSimulator.Received;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's moderations API ({@code POST /v1/moderations}) as its public reference describes it: a
 * bearer key, {@code input} a string or a list of strings, an optional {@code model}; one result
 * per input with {@code flagged}, {@code categories} and {@code category_scores}. An input naming
 * "kill" is flagged as violence. Answers 401 for another key and 400 for a malformed body, in
 * OpenAI's error format; can fail with a status or answer garbage on demand. Records every request.
 */
public final class ModerationSimulator implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<String> CATEGORIES =
      List.of(
          "harassment",
          "harassment/threatening",
          "hate",
          "hate/threatening",
          "illicit",
          "illicit/violent",
          "self-harm",
          "self-harm/intent",
          "self-harm/instructions",
          "sexual",
          "sexual/minors",
          "violence",
          "violence/graphic");

  private final String key;
  private final RecordingServer server;
  private volatile boolean garbage;

  private ModerationSimulator(String key) {
    this.key = key;
    this.server = RecordingServer.start(this::answer);
  }

  /** A simulator that accepts {@code key} only. */
  public static ModerationSimulator start(String key) {
    return new ModerationSimulator(key);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public List<Received> received() {
    return server.received();
  }

  public Received last() {
    return server.last();
  }

  public void clear() {
    server.clear();
    garbage = false;
  }

  /** Answers the next {@code count} requests with {@code status}. */
  public void failNext(int count, int status) {
    server.failNext(count, status);
  }

  /** Answers 200 with a body that is not JSON. */
  public void answerGarbage() {
    garbage = true;
  }

  @Override
  public void close() {
    server.close();
  }

  private Mono<Void> answer(Received r, HttpServerResponse res) {
    int failure = server.takeFailure();
    if (failure > 0) {
      return error(res, failure, "server_error", "The server had an error");
    }
    if (!r.method().equals("POST") || !r.uri().equals("/v1/moderations")) {
      return error(res, 404, "invalid_request_error", "Unknown request URL");
    }
    if (!("Bearer " + key).equals(r.headers().get("authorization"))) {
      return error(res, 401, "invalid_request_error", "Incorrect API key provided");
    }
    if (!String.valueOf(r.headers().get("content-type")).startsWith("application/json")) {
      return error(res, 400, "invalid_request_error", "content-type must be application/json");
    }
    if (garbage) {
      return res.status(200).sendString(Mono.just("<html>oops</html>")).then();
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (RuntimeException e) {
      return error(res, 400, "invalid_request_error", "We could not parse the JSON body");
    }
    JsonNode input = body.path("input");
    List<String> inputs = new ArrayList<>();
    if (input.isString()) {
      inputs.add(input.asString());
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isString()) {
          return error(res, 400, "invalid_request_error", "input items must be strings here");
        }
        inputs.add(item.asString());
      }
    } else {
      return error(res, 400, "invalid_request_error", "'input' is a required property");
    }
    if (body.has("model") && !body.path("model").isString()) {
      return error(res, 400, "invalid_request_error", "'model' must be a string");
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "modr-" + server.received().size());
    answer.put("model", body.path("model").asString("omni-moderation-latest"));
    var results = answer.putArray("results");
    for (String text : inputs) {
      boolean violent = text.toLowerCase().contains("kill");
      ObjectNode result = results.addObject();
      result.put("flagged", violent);
      ObjectNode categories = result.putObject("categories");
      ObjectNode scores = result.putObject("category_scores");
      for (String category : CATEGORIES) {
        boolean hit = violent && category.equals("violence");
        categories.put(category, hit);
        scores.put(category, hit ? 0.93 : 0.0001);
      }
    }
    return res.status(200)
        .header("content-type", "application/json")
        .sendString(Mono.just(answer.toString()))
        .then();
  }

  private static Mono<Void> error(HttpServerResponse res, int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.putNull("code");
    return res.status(status)
        .header("content-type", "application/json")
        .sendString(Mono.just(body.toString()))
        .then();
  }
}
