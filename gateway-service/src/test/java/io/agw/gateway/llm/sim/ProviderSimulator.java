package io.agw.gateway.llm.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server that answers like an LLM provider, in its exact wire format, replaying the
 * recorded bodies and SSE streams under {@code src/test/resources/llm}, and records every request.
 * Streams are sent one event per write with a short pause, so a client sees them arrive piece by
 * piece. The answer is chosen by the request's {@code model}: one containing {@code tool} gets a
 * tool call, {@code thinking} a reasoning stream, {@code error} an error response, {@code cut} a
 * stream the server breaks off after three events. {@link #failNext} and {@link #delay} make it an
 * unhealthy or slow provider for failover and balancing tests.
 */
public final class ProviderSimulator implements AutoCloseable {

  /** The wire format to speak. */
  public enum Kind {
    OPENAI,
    ANTHROPIC
  }

  /** One received request. */
  public record Received(String method, String uri, Map<String, String> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Kind kind;
  private final RecordingServer server;
  private volatile Duration delay = Duration.ZERO;
  private volatile String answerText;

  private ProviderSimulator(Kind kind) {
    this.kind = kind;
    this.server = RecordingServer.start(this::respond);
  }

  /** An armed failure, else the answer; either after the delay set. */
  private Mono<Void> respond(Received r, HttpServerResponse res) {
    int failure = server.takeFailure();
    Mono<Void> answer = failure > 0 ? json(res, failure, errorBody(failure)) : answer(r, res);
    return Mono.delay(delay).then(answer);
  }

  public static ProviderSimulator start(Kind kind) {
    return new ProviderSimulator(kind);
  }

  public String hostPort() {
    return server.hostPort();
  }

  public List<Received> received() {
    return server.received();
  }

  public Received last() {
    return server.last();
  }

  /** Clears the recorded requests and any failures or delay set. */
  public void clear() {
    server.clear();
    delay = Duration.ZERO;
    answerText = null;
  }

  /**
   * Answers chat completions, Messages and Responses requests with {@code text}; streams send it in
   * pieces of three characters.
   */
  public void answerWith(String text) {
    this.answerText = text;
  }

  /** Answers the next {@code count} requests with {@code status} and an error body. */
  public void failNext(int count, int status) {
    server.failNext(count, status);
  }

  /** Waits {@code delay} before every answer (a slow provider). */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  @Override
  public void close() {
    server.close();
  }

  private Mono<Void> answer(Received r, HttpServerResponse res) {
    String path = r.uri().contains("?") ? r.uri().substring(0, r.uri().indexOf('?')) : r.uri();
    JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    String model = body.path("model").asString("");
    boolean stream = body.path("stream").asBoolean(false);
    Mono<Void> misbehaving = misbehave(r, res, path, model);
    if (misbehaving != null) {
      return misbehaving;
    }
    if (path.endsWith("/embeddings")) {
      return json(res, 200, read("simulator/embeddings.json"));
    }
    if (path.endsWith("/responses") && answerText != null && stream) {
      return sse(res, streamedResponses(), false);
    }
    if (path.endsWith("/responses") && answerText != null) {
      ObjectNode answer = (ObjectNode) JSON.readTree(read("simulator/responses.json"));
      for (JsonNode item : answer.path("output")) {
        for (JsonNode part : item.path("content")) {
          if (part.has("text")) {
            ((ObjectNode) part).put("text", answerText);
          }
        }
      }
      return json(res, 200, JSON.writeValueAsString(answer));
    }
    if (path.endsWith("/responses")) {
      return json(res, 200, read("simulator/responses.json"));
    }
    if (path.endsWith("/messages/count_tokens")) {
      return json(res, 200, "{\"input_tokens\":21}");
    }
    if (path.endsWith("/chat/completions") || path.endsWith("/messages")) {
      return kind == Kind.OPENAI ? openAi(res, model, stream) : anthropic(res, model, stream);
    }
    // Anything else: echo, for passthrough checks.
    return json(res, 200, "{\"echo\":\"" + path + "\"}");
  }

  /** {@code answerText} in pieces of three characters, as OpenAI chunks or Anthropic events. */
  private String streamedAnswer() {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < answerText.length(); i += 3) {
      pieces.add(answerText.substring(i, Math.min(answerText.length(), i + 3)));
    }
    StringBuilder sse = new StringBuilder();
    if (kind == Kind.OPENAI) {
      String head =
          "data: {\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion.chunk\","
              + "\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":";
      sse.append(head)
          .append("{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
      for (String piece : pieces) {
        sse.append(head)
            .append("{\"content\":")
            .append(JSON.writeValueAsString(piece))
            .append("},\"finish_reason\":null}]}\n\n");
      }
      sse.append(head).append("{},\"finish_reason\":\"stop\"}]}\n\n");
      sse.append(
          "data: {\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
              + "\"completion_tokens\":7,\"total_tokens\":12}}\n\n");
      return sse.append("data: [DONE]\n\n").toString();
    }
    sse.append(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_sim\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n");
    sse.append(
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    for (String piece : pieces) {
      sse.append(
              "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"text_delta\",\"text\":")
          .append(JSON.writeValueAsString(piece))
          .append("}}\n\n");
    }
    sse.append(
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    sse.append(
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
            + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n");
    return sse.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").toString();
  }

  /** {@code answerText} as a Responses event stream, three characters per delta. */
  private String streamedResponses() {
    StringBuilder sse = new StringBuilder();
    int[] seq = {0};
    java.util.function.BiConsumer<String, String> event =
        (type, json) ->
            sse.append("event: ")
                .append(type)
                .append("\ndata: {\"type\":\"")
                .append(type)
                .append("\",\"sequence_number\":")
                .append(seq[0]++)
                .append(json.isEmpty() ? "" : "," + json)
                .append("}\n\n");
    String text = JSON.writeValueAsString(answerText);
    String message =
        "{\"id\":\"msg_sim\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"text\":"
            + text
            + "}]}";
    String response =
        "\"response\":{\"id\":\"resp_sim\",\"object\":\"response\",\"status\":\"%s\","
            + "\"model\":\"gpt-4o\",\"output\":%s%s}";
    event.accept("response.created", String.format(response, "in_progress", "[]", ""));
    event.accept(
        "response.output_item.added",
        "\"output_index\":0,\"item\":{\"id\":\"msg_sim\",\"type\":\"message\","
            + "\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
    event.accept(
        "response.content_part.added",
        "\"item_id\":\"msg_sim\",\"output_index\":0,\"content_index\":0,"
            + "\"part\":{\"type\":\"output_text\",\"annotations\":[],\"text\":\"\"}");
    for (int i = 0; i < answerText.length(); i += 3) {
      event.accept(
          "response.output_text.delta",
          "\"item_id\":\"msg_sim\",\"output_index\":0,\"content_index\":0,\"delta\":"
              + JSON.writeValueAsString(
                  answerText.substring(i, Math.min(answerText.length(), i + 3))));
    }
    event.accept(
        "response.output_text.done",
        "\"item_id\":\"msg_sim\",\"output_index\":0,\"content_index\":0,\"text\":" + text);
    event.accept(
        "response.content_part.done",
        "\"item_id\":\"msg_sim\",\"output_index\":0,\"content_index\":0,"
            + "\"part\":{\"type\":\"output_text\",\"annotations\":[],\"text\":"
            + text
            + "}");
    event.accept("response.output_item.done", "\"output_index\":0,\"item\":" + message);
    event.accept(
        "response.completed",
        String.format(
            response,
            "completed",
            "[" + message + "]",
            ",\"usage\":{\"input_tokens\":5,\"output_tokens\":7,\"total_tokens\":12}"));
    return sse.toString();
  }

  private Mono<Void> openAi(HttpServerResponse res, String model, boolean stream) {
    if (model.contains("error")) {
      return json(res, 401, read("own/errors/completions/401-invalid-key.body"));
    }
    if (!stream && answerText != null) {
      ObjectNode answer = (ObjectNode) JSON.readTree(read("response/completions/basic.json"));
      ((ObjectNode) answer.path("choices").get(0).path("message")).put("content", answerText);
      return json(res, 200, JSON.writeValueAsString(answer));
    }
    if (!stream) {
      return json(
          res,
          200,
          read(
              model.contains("tool")
                  ? "response/completions/tool_call.json"
                  : "response/completions/basic.json"));
    }
    if (answerText != null) {
      return sse(res, streamedAnswer(), false);
    }
    String sse =
        model.contains("tool")
            ? read("own/response/completions/stream_parallel_tools.json")
            : read("response/completions/stream.json");
    return sse(res, sse, model.contains("cut"));
  }

  private Mono<Void> anthropic(HttpServerResponse res, String model, boolean stream) {
    if (model.contains("error")) {
      return json(res, 429, read("own/errors/anthropic/429-rate-limit.body"));
    }
    if (!stream && answerText != null) {
      ObjectNode answer = (ObjectNode) JSON.readTree(read("response/anthropic/basic.json"));
      ((ObjectNode) answer.path("content").get(0)).put("text", answerText);
      return json(res, 200, JSON.writeValueAsString(answer));
    }
    if (!stream) {
      return json(
          res,
          200,
          read(
              model.contains("tool")
                  ? "simulator/anthropic-tool.json"
                  : "response/anthropic/basic.json"));
    }
    if (answerText != null) {
      return sse(res, streamedAnswer(), false);
    }
    String sse =
        model.contains("tool")
            ? read("own/response/anthropic/stream_parallel_tools.json")
            : model.contains("thinking")
                ? read("response/anthropic/stream_thinking.json")
                : read("response/anthropic/stream_basic.json");
    return sse(res, sse, model.contains("cut"));
  }

  /**
   * The errors of a provider that misbehaves, chosen by the model (or, for echo-key, the path): a
   * 401 that echoes the key it received (masked in the message as OpenAI does, whole in a detail
   * field and a header), a 500 that echoes the request headers, and non-JSON errors (an HTML page,
   * plain text, a JSON label on a text body). Null for a well-behaved request.
   */
  private Mono<Void> misbehave(Received r, HttpServerResponse res, String path, String model) {
    if (model.contains("echo-key") || path.contains("echo-key")) {
      String key = receivedKey(r);
      String masked = key.substring(0, 7) + "****..." + key.substring(key.length() - 4);
      String body =
          kind == Kind.OPENAI
              ? "{\"error\":{\"message\":\"Incorrect API key provided: "
                  + masked
                  + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                  + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\","
                  + "\"detail\":\"received "
                  + key
                  + "\"}}"
              : "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                  + "\"message\":\"invalid x-api-key "
                  + masked
                  + " (received "
                  + key
                  + ")\"}}";
      return res.status(401)
          .header("content-type", "application/json")
          .header("x-echo-credential", key)
          .sendString(Mono.just(body))
          .then();
    }
    if (model.contains("echo-headers")) {
      return json(
          res,
          500,
          "{\"error\":{\"message\":\"internal error\",\"request_headers\":"
              + JSON.writeValueAsString(r.headers())
              + "}}");
    }
    if (model.contains("html-error")) {
      return text(res, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    if (model.contains("text-error")) {
      return text(
          res, 503, "text/plain", "upstream connect error or disconnect/reset before headers");
    }
    if (model.contains("mislabelled-error")) {
      return text(res, 500, "application/json", "Internal Server Error");
    }
    return null;
  }

  private static String receivedKey(Received r) {
    for (String name : List.of("authorization", "x-api-key", "api-key", "x-goog-api-key")) {
      String value = r.headers().get(name);
      if (value != null) {
        return value.startsWith("Bearer ") ? value.substring(7) : value;
      }
    }
    return "no-key-received";
  }

  private static Mono<Void> text(HttpServerResponse res, int status, String type, String body) {
    return res.status(status).header("content-type", type).sendString(Mono.just(body)).then();
  }

  private String errorBody(int status) {
    String type = status == 429 ? "rate_limit_error" : "overloaded_error";
    return kind == Kind.OPENAI
        ? "{\"error\":{\"message\":\"simulated " + status + "\",\"type\":\"" + type + "\"}}"
        : "{\"type\":\"error\",\"error\":{\"type\":\""
            + type
            + "\",\"message\":\"simulated "
            + status
            + "\"}}";
  }

  private static Mono<Void> json(HttpServerResponse res, int status, String body) {
    return res.status(HttpResponseStatus.valueOf(status))
        .header("content-type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }

  private static Mono<Void> sse(HttpServerResponse res, String text, boolean cut) {
    List<String> events = new ArrayList<>();
    for (String event : text.split("\n\n")) {
      if (!event.isBlank()) {
        events.add(event.strip() + "\n\n");
      }
    }
    Flux<String> body = Flux.fromIterable(events).delayElements(Duration.ofMillis(2));
    if (cut) {
      body = body.take(3).concatWith(Flux.error(new IOException("simulated connection loss")));
    }
    return res.status(200)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache")
        .sendString(body)
        .then();
  }

  static String read(String name) {
    try (InputStream in = ProviderSimulator.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
