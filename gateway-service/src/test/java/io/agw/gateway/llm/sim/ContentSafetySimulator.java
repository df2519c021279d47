package io.agw.gateway.llm.sim;

import io.agw.gateway.llm.sim.ProviderSimulator.Received;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure AI Content Safety's text APIs as their public reference describes them: {@code POST
 * /contentsafety/text:analyze?api-version=2024-09-01} (or 2023-10-01) with {@code text} (at most
 * 10,000 characters), optional {@code blocklistNames} and {@code haltOnBlocklistHit}, answering
 * {@code blocklistsMatch} and {@code categoriesAnalysis} (Hate, SelfHarm, Sexual, Violence with
 * severities 0, 2, 4, 6); and {@code POST
 * /contentsafety/text:detectJailbreak?api-version=2024-02-15-preview} with {@code text} (at most
 * 1,000 characters), answering {@code jailbreakAnalysis.detected}. The key goes in {@code
 * Ocp-Apim-Subscription-Key}, or an Entra ID token in {@code Authorization: Bearer}; errors use
 * Azure's {@code {"error": {"code", "message"}}}.
 *
 * <p>Its judgement: "slap" is Violence 2, "massacre" Violence 6, "worthless" Hate 4; the blocklist
 * {@code banned-terms} holds "zorblax"; "ignore all previous instructions" is a jailbreak. Can fail
 * with a status or answer garbage on demand; records every request.
 */
public final class ContentSafetySimulator implements AutoCloseable {

  public static final String BLOCKLIST = "banned-terms";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ANALYZE_VERSIONS = Set.of("2023-10-01", "2024-09-01");
  private static final Set<String> JAILBREAK_VERSIONS = Set.of("2024-02-15-preview");
  private static final List<String> CATEGORIES = List.of("Hate", "SelfHarm", "Sexual", "Violence");

  private final String key;
  private final String bearer;
  private final RecordingServer server;
  private volatile boolean garbage;

  private ContentSafetySimulator(String key, String bearer) {
    this.key = key;
    this.bearer = bearer;
    this.server = RecordingServer.start(this::answer);
  }

  /** A simulator that accepts {@code key} only. */
  public static ContentSafetySimulator start(String key) {
    return new ContentSafetySimulator(key, null);
  }

  /** A simulator that accepts the Entra ID access token {@code token} only. */
  public static ContentSafetySimulator startWithEntraToken(String token) {
    return new ContentSafetySimulator(null, token);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public List<Received> received() {
    return server.received();
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
      return error(res, failure, "InternalServerError", "The service had an error");
    }
    boolean authorized =
        bearer != null
            ? ("Bearer " + bearer).equals(r.headers().get("authorization"))
            : key.equals(r.headers().get("ocp-apim-subscription-key"));
    if (!authorized) {
      return error(
          res,
          401,
          "401",
          "Access denied due to invalid subscription key or wrong API endpoint. Make sure to"
              + " provide a valid key for an active subscription and use a correct regional API"
              + " endpoint for your resource.");
    }
    String path = r.uri().contains("?") ? r.uri().substring(0, r.uri().indexOf('?')) : r.uri();
    String query = r.uri().contains("?") ? r.uri().substring(r.uri().indexOf('?') + 1) : "";
    String version = query.startsWith("api-version=") ? query.substring(12) : "";
    boolean analyze = path.equals("/contentsafety/text:analyze");
    boolean jailbreak = path.equals("/contentsafety/text:detectJailbreak");
    if (!r.method().equals("POST") || !(analyze || jailbreak)) {
      return error(res, 404, "404", "Resource not found");
    }
    if (!(analyze ? ANALYZE_VERSIONS : JAILBREAK_VERSIONS).contains(version)) {
      return error(res, 404, "404", "Resource not found");
    }
    if (!String.valueOf(r.headers().get("content-type")).startsWith("application/json")) {
      return error(res, 415, "UnsupportedMediaType", "Content-Type must be application/json");
    }
    if (garbage) {
      return res.status(200).sendString(Mono.just("not json at all")).then();
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (RuntimeException e) {
      return error(res, 400, "InvalidRequestBody", "The request body is not valid JSON.");
    }
    if (!body.path("text").isString()) {
      return error(res, 400, "InvalidRequestBody", "The field text is required.");
    }
    String text = body.path("text").asString();
    int limit = analyze ? 10_000 : 1_000;
    if (text.codePointCount(0, text.length()) > limit) {
      return error(res, 400, "InvalidRequestBody", "The text is too long.");
    }
    String lower = text.toLowerCase();
    ObjectNode answer = JSON.createObjectNode();
    if (jailbreak) {
      answer
          .putObject("jailbreakAnalysis")
          .put("detected", lower.contains("ignore all previous instructions"));
      return json(res, answer);
    }
    var matches = answer.putArray("blocklistsMatch");
    boolean listed = false;
    for (JsonNode name : body.path("blocklistNames")) {
      if (!name.asString().equals(BLOCKLIST)) {
        return error(res, 404, "NotFound", "The blocklist " + name.asString() + " does not exist.");
      }
      if (lower.contains("zorblax")) {
        listed = true;
        matches
            .addObject()
            .put("blocklistName", BLOCKLIST)
            .put("blocklistItemId", "5f1c6a3e-0000-4000-8000-000000000001")
            .put("blocklistItemText", "zorblax");
      }
    }
    var analysis = answer.putArray("categoriesAnalysis");
    if (listed && body.path("haltOnBlocklistHit").asBoolean(false)) {
      return json(res, answer);
    }
    for (String category : CATEGORIES) {
      analysis.addObject().put("category", category).put("severity", severity(category, lower));
    }
    return json(res, answer);
  }

  private static int severity(String category, String text) {
    return switch (category) {
      case "Violence" -> text.contains("massacre") ? 6 : text.contains("slap") ? 2 : 0;
      case "Hate" -> text.contains("worthless") ? 4 : 0;
      default -> 0;
    };
  }

  private static Mono<Void> json(HttpServerResponse res, ObjectNode body) {
    return res.status(200)
        .header("content-type", "application/json")
        .sendString(Mono.just(body.toString()))
        .then();
  }

  private static Mono<Void> error(HttpServerResponse res, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return res.status(status)
        .header("content-type", "application/json")
        .sendString(Mono.just(body.toString()))
        .then();
  }
}
