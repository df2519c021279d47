package io.agw.gateway.llm.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local HTTP server that answers like Google's model APIs, Gemini (AI Studio, {@code
 * /v1beta/models/<model>:<method>}) and Vertex AI ({@code
 * /v1/projects/<p>/locations/<r>/publishers/<google|anthropic>/models/<model>:<method>}), replaying
 * the recorded bodies and SSE streams under {@code src/test/resources/llm}, and records every
 * request. Streams are sent one event per write with a short pause; Gemini events use CRLF line
 * ends as Google does. The answer is chosen by the model in the path: one containing {@code tool}
 * gets function calls, {@code error} a 429 in Google's format, {@code cut} a stream broken off
 * after two events. Anthropic models on Vertex ({@code rawPredict}, {@code streamRawPredict}) get
 * the Anthropic recordings. The OpenAI-compatible chat endpoints ({@code
 * /v1beta/openai/chat/completions}, Vertex's {@code .../endpoints/openapi/chat/completions}) answer
 * with the recorded OpenAI chat completion ({@code tool} in the model: the tool-call one) or, for
 * {@code "stream": true}, the recorded chunk stream.
 */
public final class GoogleSimulator implements AutoCloseable {

  private final DisposableServer server;
  private final ConcurrentLinkedDeque<ProviderSimulator.Received> received =
      new ConcurrentLinkedDeque<>();

  private GoogleSimulator() {
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
                        .flatMap(body -> answer(record(req, body), res).then()))
            .bindNow();
  }

  public static GoogleSimulator start() {
    return new GoogleSimulator();
  }

  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  public List<ProviderSimulator.Received> received() {
    return new ArrayList<>(received);
  }

  public ProviderSimulator.Received last() {
    return received.peekLast();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private ProviderSimulator.Received record(HttpServerRequest req, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    ProviderSimulator.Received r =
        new ProviderSimulator.Received(req.method().name(), req.uri(), headers, body);
    received.add(r);
    return r;
  }

  private Mono<Void> answer(ProviderSimulator.Received r, HttpServerResponse res) {
    String path = r.uri().contains("?") ? r.uri().substring(0, r.uri().indexOf('?')) : r.uri();
    if (path.endsWith("/openai/chat/completions")
        || path.endsWith("/endpoints/openapi/chat/completions")) {
      return openAiCompatible(r, res);
    }
    int colon = path.lastIndexOf(':');
    int slash = path.lastIndexOf('/');
    if (colon < slash || !path.contains("/models/")) {
      return json(res, 404, "{\"error\":{\"code\":404,\"message\":\"no such method\"}}");
    }
    String model = path.substring(slash + 1, colon);
    String method = path.substring(colon + 1);
    if (model.contains("error")) {
      return json(res, 429, ProviderSimulator.read("own/errors/gemini/429-quota.body"));
    }
    return switch (method) {
      case "generateContent" ->
          json(
              res,
              200,
              ProviderSimulator.read(
                  model.contains("tool")
                      ? "response/vertex-gemini/tool.json"
                      : "response/vertex-gemini/basic.json"));
      case "streamGenerateContent" ->
          sse(
              res,
              ProviderSimulator.read(
                  model.contains("tool")
                      ? "own/response/gemini/stream_tools.json"
                      : "own/response/gemini/stream_basic.json"),
              model.contains("cut"));
      case "countTokens" -> json(res, 200, "{\"totalTokens\":17}");
      case "batchEmbedContents" ->
          json(res, 200, "{\"embeddings\":[{\"values\":[0.25,-0.5]},{\"values\":[0.75,0.125]}]}");
      case "predict" ->
          json(
              res,
              200,
              "{\"predictions\":[{\"embeddings\":{\"values\":[0.5,0.25],"
                  + "\"statistics\":{\"token_count\":3,\"truncated\":false}}}]}");
      case "rawPredict" ->
          model.equals("count-tokens")
              ? json(res, 200, "{\"input_tokens\":21}")
              : json(
                  res,
                  200,
                  ProviderSimulator.read(
                      model.contains("tool")
                          ? "simulator/anthropic-tool.json"
                          : "response/anthropic/basic.json"));
      case "streamRawPredict" ->
          sse(
              res,
              ProviderSimulator.read(
                  model.contains("tool")
                      ? "own/response/anthropic/stream_parallel_tools.json"
                      : "response/anthropic/stream_basic.json"),
              model.contains("cut"));
      default -> json(res, 404, "{\"error\":{\"code\":404,\"message\":\"no such method\"}}");
    };
  }

  private static Mono<Void> openAiCompatible(ProviderSimulator.Received r, HttpServerResponse res) {
    var body = r.json();
    if (body.path("stream").asBoolean(false)) {
      return sse(res, ProviderSimulator.read("response/completions/stream.json"), false);
    }
    boolean tool = body.path("model").asString("").contains("tool");
    return json(
        res,
        200,
        ProviderSimulator.read(
            tool ? "response/completions/tool_call.json" : "response/completions/basic.json"));
  }

  private static Mono<Void> json(HttpServerResponse res, int status, String body) {
    return res.status(HttpResponseStatus.valueOf(status))
        .header("content-type", "application/json; charset=UTF-8")
        .sendString(Mono.just(body))
        .then();
  }

  private static Mono<Void> sse(HttpServerResponse res, String text, boolean cut) {
    List<String> events = new ArrayList<>();
    for (String event : text.split("\r?\n\r?\n")) {
      if (!event.isBlank()) {
        events.add(event.strip() + "\r\n\r\n");
      }
    }
    Flux<String> body = Flux.fromIterable(events).delayElements(Duration.ofMillis(2));
    if (cut) {
      body = body.take(2).concatWith(Flux.error(new IOException("simulated connection loss")));
    }
    return res.status(200)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache")
        .sendString(body)
        .then();
  }
}
