package io.agw.gateway.llm.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's ApplyGuardrail ({@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}
 * /apply}) as its API reference describes it, for a guardrail with a denied topic and an e-mail
 * anonymizing filter. The request must be JSON with {@code source} {@code INPUT} or {@code OUTPUT}
 * and a non-empty {@code content} of {@code {"text": {"text": ...}}} blocks, else 400 {@code
 * ValidationException}. A text mentioning "forbidden" is blocked ({@code GUARDRAIL_INTERVENED}, one
 * canned output, a topic assessment with {@code BLOCKED}); else e-mail addresses are anonymized
 * ({@code GUARDRAIL_INTERVENED}, one output per block with {@code {EMAIL}} in place of each
 * address, PII assessments with {@code ANONYMIZED}); else {@code NONE}. The guardrail id picks a
 * failure: {@code broken} answers 500, {@code garbage} a body that is not JSON, {@code miscount}
 * anonymizes with one output too few.
 */
final class BedrockGuardrailAnswers {

  /** The canned message a blocking guardrail answers with. */
  static final String BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

  private BedrockGuardrailAnswers() {}

  static Mono<Void> answer(
      String rawId, String version, BedrockSimulator.Received r, HttpServerResponse res) {
    String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
    if (id.equals("broken")) {
      return error(res, 500, "InternalServerException", "The server encountered an error.");
    }
    if (id.equals("garbage")) {
      return res.status(200)
          .header("content-type", "text/html")
          .sendString(Mono.just("<html>"))
          .then();
    }
    if (!"application/json".equals(r.headers().get("content-type"))) {
      return error(res, 400, "ValidationException", "content-type must be application/json");
    }
    List<String> texts = new ArrayList<>();
    String source;
    try {
      JsonNode body = JSON.readTree(r.body());
      source = body.path("source").asString("");
      JsonNode content = body.path("content");
      if (!content.isArray() || content.isEmpty()) {
        throw new IllegalArgumentException("content");
      }
      for (JsonNode block : content) {
        JsonNode text = block.path("text").path("text");
        if (!text.isString() || block.size() != 1) {
          throw new IllegalArgumentException("block");
        }
        texts.add(text.asString());
      }
    } catch (RuntimeException e) {
      return error(res, 400, "ValidationException", "Malformed input request.");
    }
    if (!source.equals("INPUT") && !source.equals("OUTPUT")) {
      return error(res, 400, "ValidationException", "source must be INPUT or OUTPUT");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode outputs = answer.putArray("outputs");
    ArrayNode assessments = answer.putArray("assessments");
    answer
        .putObject("usage")
        .put("topicPolicyUnits", texts.size())
        .put("sensitiveInformationPolicyUnits", texts.size());
    if (texts.stream().anyMatch(t -> t.toLowerCase().contains("forbidden"))) {
      answer.put("action", "GUARDRAIL_INTERVENED").put("actionReason", "Guardrail blocked.");
      outputs.addObject().put("text", BLOCKED_MESSAGE);
      assessments
          .addObject()
          .putObject("topicPolicy")
          .putArray("topics")
          .addObject()
          .put("name", "Forbidden")
          .put("type", "DENY")
          .put("action", "BLOCKED")
          .put("detected", true);
    } else if (texts.stream().anyMatch(t -> EMAIL.matcher(t).find())) {
      answer.put("action", "GUARDRAIL_INTERVENED").put("actionReason", "Guardrail masked.");
      ArrayNode entities =
          assessments.addObject().putObject("sensitiveInformationPolicy").putArray("piiEntities");
      List<String> masked = new ArrayList<>();
      for (String text : texts) {
        var m = EMAIL.matcher(text);
        while (m.find()) {
          entities
              .addObject()
              .put("match", m.group())
              .put("type", "EMAIL")
              .put("action", "ANONYMIZED")
              .put("detected", true);
        }
        masked.add(EMAIL.matcher(text).replaceAll("{EMAIL}"));
      }
      if (id.equals("miscount")) {
        masked.remove(masked.size() - 1);
      }
      masked.forEach(t -> outputs.addObject().put("text", t));
    } else {
      answer.put("action", "NONE").put("actionReason", "No action.");
      assessments.addObject();
    }
    return BedrockSimulator.json(res, JSON.writeValueAsString(answer));
  }

  /**
   * A Converse or ConverseStream call with {@code guardrailConfig}: the configuration must name a
   * guardrail and version (else 400 {@code ValidationException}); a request whose text mentions
   * "forbidden" is stopped by the guardrail ({@code stopReason: guardrail_intervened}, the canned
   * message as the answer, a guardrail trace), any other gets a plain answer.
   */
  static Mono<Void> converse(BedrockSimulator.Received r, boolean stream, HttpServerResponse res) {
    JsonNode config = r.json().path("guardrailConfig");
    if (!config.path("guardrailIdentifier").isString()
        || !config.path("guardrailVersion").isString()) {
      return error(res, 400, "ValidationException", "guardrailConfig is invalid");
    }
    boolean blocked = r.json().path("messages").toString().toLowerCase().contains("forbidden");
    String text = blocked ? BLOCKED_MESSAGE : "Nothing to worry about.";
    String stopReason = blocked ? "guardrail_intervened" : "end_turn";
    if (!stream) {
      ObjectNode answer = JSON.createObjectNode();
      answer
          .putObject("output")
          .putObject("message")
          .put("role", "assistant")
          .putArray("content")
          .addObject()
          .put("text", text);
      answer.put("stopReason", stopReason);
      answer.putObject("usage").put("inputTokens", 9).put("outputTokens", 9).put("totalTokens", 18);
      answer.putObject("metrics").put("latencyMs", 120);
      if (blocked) {
        answer.putObject("trace").putObject("guardrail").putObject("inputAssessment");
      }
      return BedrockSimulator.json(res, JSON.writeValueAsString(answer));
    }
    List<Message> frames = new ArrayList<>();
    frames.add(event("messageStart", "{\"role\":\"assistant\"}"));
    frames.add(
        event(
            "contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":"
                + JSON.writeValueAsString(text)
                + "}}"));
    frames.add(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
    frames.add(event("messageStop", "{\"stopReason\":\"" + stopReason + "\"}"));
    frames.add(
        event(
            "metadata",
            "{\"usage\":{\"inputTokens\":9,\"outputTokens\":9,\"totalTokens\":18},"
                + "\"metrics\":{\"latencyMs\":120}}"));
    return BedrockSimulator.eventStream(res, frames);
  }

  /** One ConverseStream event frame, headed as Bedrock heads them. */
  private static Message event(String type, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return new Message(headers, json.getBytes(StandardCharsets.UTF_8));
  }

  private static Mono<Void> error(HttpServerResponse res, int status, String type, String message) {
    return res.status(status)
        .header("content-type", "application/json")
        .header("x-amzn-ErrorType", type)
        .sendString(Mono.just("{\"message\":\"" + message + "\"}"))
        .then();
  }
}
