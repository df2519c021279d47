package io.agw.gateway.llm.sim;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Cloud Model Armor's {@code templates.sanitizeUserPrompt} and {@code
 * templates.sanitizeModelResponse} as the REST reference describes them: {@code POST
 * /v1/projects/{project}/locations/{location}/templates/{template}:<method>}, a bearer token the
 * given check accepts (else 401 {@code UNAUTHENTICATED} in Google's error format), a JSON body with
 * exactly {@code userPromptData.text} or {@code modelResponseData.text} (else 400 {@code
 * INVALID_ARGUMENT}). The answer is a {@code sanitizationResult} with the RAI, prompt injection and
 * jailbreak and SDP filter results: a text mentioning "forbidden" matches the RAI filter, one with
 * "ignore previous instructions" the jailbreak filter (both {@code filterMatchState: MATCH_FOUND});
 * others match nothing. The template picks a failure: {@code broken} answers 500, {@code garbage} a
 * body that is not JSON. Records requests.
 */
public final class ModelArmorSimulator implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PATH =
      Pattern.compile(
          "/v1/projects/([^/]+)/locations/([^/]+)/templates/([^/:]+)"
              + ":(sanitizeUserPrompt|sanitizeModelResponse)");

  private final Predicate<String> validToken;
  private final RecordingServer server;

  private ModelArmorSimulator(Predicate<String> validToken) {
    this.validToken = validToken;
    this.server = RecordingServer.start(this::answer);
  }

  /** A simulator that accepts the bearer tokens {@code validToken} accepts. */
  public static ModelArmorSimulator start(Predicate<String> validToken) {
    return new ModelArmorSimulator(validToken);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public List<ProviderSimulator.Received> received() {
    return server.received();
  }

  public ProviderSimulator.Received last() {
    return server.last();
  }

  public void clear() {
    server.clear();
  }

  @Override
  public void close() {
    server.close();
  }

  private Mono<Void> answer(ProviderSimulator.Received r, HttpServerResponse res) {
    Matcher m = PATH.matcher(r.uri());
    if (!r.method().equals("POST") || !m.matches()) {
      return error(res, 404, "NOT_FOUND", "Method not found.");
    }
    String authorization = r.headers().getOrDefault("authorization", "");
    if (!authorization.startsWith("Bearer ")
        || !validToken.test(authorization.substring("Bearer ".length()))) {
      return error(res, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    }
    String template = m.group(3);
    if (template.equals("broken")) {
      return error(res, 500, "INTERNAL", "Internal error encountered.");
    }
    if (template.equals("garbage")) {
      return res.status(200)
          .header("content-type", "text/html")
          .sendString(Mono.just("<html>"))
          .then();
    }
    String field = m.group(4).equals("sanitizeUserPrompt") ? "userPromptData" : "modelResponseData";
    String text;
    try {
      JsonNode body = JSON.readTree(r.body());
      JsonNode data = body.path(field);
      if (body.size() != 1 || data.size() != 1 || !data.path("text").isString()) {
        throw new IllegalArgumentException(field);
      }
      text = data.path("text").asString();
    } catch (RuntimeException e) {
      return error(res, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    boolean rai = text.toLowerCase().contains("forbidden");
    boolean jailbreak = text.toLowerCase().contains("ignore previous instructions");
    ObjectNode result = JSON.createObjectNode();
    ObjectNode sanitization = result.putObject("sanitizationResult");
    sanitization.put("filterMatchState", rai || jailbreak ? "MATCH_FOUND" : "NO_MATCH_FOUND");
    ObjectNode filters = sanitization.putObject("filterResults");
    ObjectNode raiResult =
        filters
            .putObject("rai")
            .putObject("raiFilterResult")
            .put("executionState", "EXECUTION_SUCCESS")
            .put("matchState", state(rai));
    raiResult
        .putObject("raiFilterTypeResults")
        .putObject("dangerous")
        .put("confidenceLevel", rai ? "HIGH" : "LOW_AND_ABOVE")
        .put("matchState", state(rai));
    filters
        .putObject("pi_and_jailbreak")
        .putObject("piAndJailbreakFilterResult")
        .put("executionState", "EXECUTION_SUCCESS")
        .put("matchState", state(jailbreak));
    filters
        .putObject("sdp")
        .putObject("sdpFilterResult")
        .putObject("inspectResult")
        .put("executionState", "EXECUTION_SUCCESS")
        .put("matchState", "NO_MATCH_FOUND");
    sanitization.put("invocationResult", "SUCCESS");
    sanitization.putObject("sanitizationMetadata");
    return res.status(200)
        .header("content-type", "application/json; charset=UTF-8")
        .sendString(Mono.just(JSON.writeValueAsString(result)))
        .then();
  }

  private static String state(boolean match) {
    return match ? "MATCH_FOUND" : "NO_MATCH_FOUND";
  }

  private static Mono<Void> error(HttpServerResponse res, int code, String status, String message) {
    return res.status(code)
        .header("content-type", "application/json; charset=UTF-8")
        .sendString(
            Mono.just(
                "{\"error\":{\"code\":"
                    + code
                    + ",\"message\":\""
                    + message
                    + "\",\"status\":\""
                    + status
                    + "\"}}"))
        .then();
  }
}
