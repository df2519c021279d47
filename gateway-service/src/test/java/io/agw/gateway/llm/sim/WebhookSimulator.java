package io.agw.gateway.llm.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A guardrail webhook implementing agentgateway's contract ({@code
 * crates/agentgateway/src/llm/policy/webhook.rs}): {@code POST /request} with {@code
 * {"body":{"messages":[{"role","content"}]}}} and {@code POST /response} with {@code
 * {"body":{"choices":[{"message":{"role","content"}}]}}}, answered with {@code {"action":...}}. It
 * decides by content: a text containing {@code webhook-reject} is rejected (422, a plain message),
 * {@code SECRET-TOKEN} is masked as {@code [REDACTED]} (the mask returns every message or choice,
 * changed or not; {@code webhook-same-mask} gets such a mask that changes nothing), {@code
 * webhook-slow} is answered after 25 s, {@code webhook-500} answers 500, {@code webhook-garbage}
 * answers a body outside the contract, {@code webhook-extra} masks with one message too many;
 * anything else passes. A request that breaks the contract's shape (method, content type, body
 * fields) is answered 400 and recorded in {@link #violations()}.
 */
public final class WebhookSimulator implements AutoCloseable {

  /** One call the webhook received; header names in lower case. */
  public record Received(String method, String path, Map<String, String> headers, JsonNode body) {

    /** The texts sent: the messages' or the choices' contents, in order. */
    public List<String> texts() {
      List<String> texts = new ArrayList<>();
      for (JsonNode m : body.path("body").path("messages")) {
        texts.add(m.path("content").asString());
      }
      for (JsonNode c : body.path("body").path("choices")) {
        texts.add(c.path("message").path("content").asString());
      }
      return texts;
    }

    /** The roles sent, in order. */
    public List<String> roles() {
      List<String> roles = new ArrayList<>();
      for (JsonNode m : body.path("body").path("messages")) {
        roles.add(m.path("role").asString());
      }
      for (JsonNode c : body.path("body").path("choices")) {
        roles.add(c.path("message").path("role").asString());
      }
      return roles;
    }
  }

  public static final String REJECTION = "rejected by the webhook: the policy forbids this";

  private static final JsonMapper JSON = JsonMapper.shared();

  private final DisposableServer server;
  private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<String> violations = new ConcurrentLinkedDeque<>();

  private WebhookSimulator() {
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(body -> handle(req, res, body)))
            .bindNow();
  }

  public static WebhookSimulator start() {
    return new WebhookSimulator();
  }

  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** The calls received on {@code path}. */
  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** What broke the contract, one line per call. */
  public List<String> violations() {
    return new ArrayList<>(violations);
  }

  public void clear() {
    received.clear();
    violations.clear();
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res, String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    String path =
        req.uri().contains("?") ? req.uri().substring(0, req.uri().indexOf('?')) : req.uri();
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (RuntimeException e) {
      return violation(res, path + ": the body is not JSON");
    }
    received.add(new Received(req.method().name(), path, headers, body));
    if (!req.method().name().equals("POST")) {
      return violation(res, path + ": method " + req.method().name());
    }
    if (!"application/json".equals(headers.get("content-type"))) {
      return violation(res, path + ": content-type " + headers.get("content-type"));
    }
    boolean prompt = path.endsWith("/request");
    if (!prompt && !path.endsWith("/response")) {
      return violation(res, path + ": unknown path");
    }
    String problem = prompt ? promptShape(body) : answerShape(body);
    if (problem != null) {
      return violation(res, path + ": " + problem);
    }
    List<ObjectNode> messages = new ArrayList<>();
    if (prompt) {
      body.path("body").path("messages").forEach(m -> messages.add((ObjectNode) m));
    } else {
      body.path("body").path("choices").forEach(c -> messages.add((ObjectNode) c.path("message")));
    }
    String all =
        String.join("\n", messages.stream().map(m -> m.path("content").asString()).toList());
    if (all.contains("webhook-slow")) {
      // Longer than the gateway waits for a guard (10 s).
      return Mono.delay(java.time.Duration.ofSeconds(25))
          .then(send(res, 200, "{\"action\":{\"reason\":\"late\"}}"));
    }
    if (all.contains("webhook-500")) {
      return send(res, 500, "{\"error\":\"internal\"}");
    }
    if (all.contains("webhook-garbage")) {
      return send(res, 200, "{\"verdict\":\"fine, probably\"}");
    }
    if (all.contains("webhook-reject")) {
      ObjectNode action = JSON.createObjectNode();
      action.put("body", REJECTION).put("status_code", 422).put("reason", "forbidden topic");
      return send(res, 200, JSON.writeValueAsString(JSON.createObjectNode().set("action", action)));
    }
    if (all.contains("SECRET-TOKEN")
        || all.contains("webhook-extra")
        || all.contains("webhook-same-mask")) {
      ObjectNode masked = (ObjectNode) body.path("body").deepCopy();
      ArrayNode list = (ArrayNode) (prompt ? masked.path("messages") : masked.path("choices"));
      for (JsonNode item : list) {
        ObjectNode m = prompt ? (ObjectNode) item : (ObjectNode) item.path("message");
        m.put("content", m.path("content").asString().replace("SECRET-TOKEN", "[REDACTED]"));
      }
      if (all.contains("webhook-extra")) {
        list.add(list.get(0).deepCopy());
      }
      ObjectNode action = JSON.createObjectNode();
      action.set("body", masked);
      action.put("reason", "secrets masked");
      return send(res, 200, JSON.writeValueAsString(JSON.createObjectNode().set("action", action)));
    }
    return send(res, 200, "{\"action\":{\"reason\":\"nothing found\"}}");
  }

  private static String promptShape(JsonNode body) {
    if (!fieldsAre(body, Set.of("body")) || !fieldsAre(body.path("body"), Set.of("messages"))) {
      return "expected {\"body\":{\"messages\":[...]}}, got " + body;
    }
    JsonNode messages = body.path("body").path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      return "messages is not a non-empty list";
    }
    for (JsonNode m : messages) {
      String problem = messageShape(m);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String answerShape(JsonNode body) {
    if (!fieldsAre(body, Set.of("body")) || !fieldsAre(body.path("body"), Set.of("choices"))) {
      return "expected {\"body\":{\"choices\":[...]}}, got " + body;
    }
    JsonNode choices = body.path("body").path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return "choices is not a non-empty list";
    }
    for (JsonNode c : choices) {
      if (!fieldsAre(c, Set.of("message"))) {
        return "a choice is not {\"message\":{...}}: " + c;
      }
      String problem = messageShape(c.path("message"));
      if (problem != null) {
        return problem;
      }
      if (!c.path("message").path("role").asString().equals("assistant")) {
        return "an answer's role is not assistant: " + c;
      }
    }
    return null;
  }

  private static String messageShape(JsonNode m) {
    if (!fieldsAre(m, Set.of("role", "content"))
        || !m.path("role").isString()
        || !m.path("content").isString()) {
      return "a message is not {\"role\":string,\"content\":string}: " + m;
    }
    return null;
  }

  private static boolean fieldsAre(JsonNode node, Set<String> names) {
    if (!node.isObject()) {
      return false;
    }
    Set<String> have = new java.util.HashSet<>();
    Iterator<String> it = node.propertyNames().iterator();
    it.forEachRemaining(have::add);
    return have.equals(names);
  }

  private Mono<Void> violation(HttpServerResponse res, String problem) {
    violations.add(problem);
    return send(res, 400, "{\"error\":" + JSON.writeValueAsString(problem) + "}");
  }

  private static Mono<Void> send(HttpServerResponse res, int status, String body) {
    return res.status(status)
        .header("Content-Type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }
}
