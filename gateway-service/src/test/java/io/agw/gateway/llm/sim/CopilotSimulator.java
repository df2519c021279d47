package io.agw.gateway.llm.sim;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local GitHub Copilot: the token exchange ({@code GET /copilot_internal/v2/token}, which takes
 * {@code Authorization: token <github token>} and answers a session token valid for {@code
 * validSeconds}), and the chat API ({@code /chat/completions} in OpenAI's format, {@code
 * /v1/messages} in Anthropic's), which refuses with 401 any request without a current session token
 * and the editor headers Copilot requires. Records requests and counts exchanges.
 */
public final class CopilotSimulator implements AutoCloseable {

  /** One received request. */
  public record Received(String method, String uri, Map<String, String> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String githubToken;
  private final long validSeconds;
  private final AtomicInteger exchanges = new AtomicInteger();
  private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
  private final DisposableServer server;

  private CopilotSimulator(String githubToken, long validSeconds) {
    this.githubToken = githubToken;
    this.validSeconds = validSeconds;
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

  public static CopilotSimulator start(String githubToken, long validSeconds) {
    return new CopilotSimulator(githubToken, validSeconds);
  }

  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  public String tokenUrl() {
    return "http://" + hostPort() + "/copilot_internal/v2/token";
  }

  /** The number of token exchanges served. */
  public int exchanges() {
    return exchanges.get();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public Received last() {
    return received.peekLast();
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private Received record(HttpServerRequest req, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    Received r = new Received(req.method().name(), req.uri(), headers, body);
    received.add(r);
    return r;
  }

  private String sessionToken(int n) {
    return "tid=session-" + n + ";exp=" + validSeconds;
  }

  private Mono<Void> answer(Received r, HttpServerResponse res) {
    if (r.uri().equals("/copilot_internal/v2/token")) {
      if (!("token " + githubToken).equals(r.headers().get("authorization"))) {
        return json(res, 401, "{\"message\":\"Bad credentials\"}");
      }
      int n = exchanges.incrementAndGet();
      long expires = Instant.now().getEpochSecond() + validSeconds;
      return json(
          res,
          200,
          "{\"token\":\""
              + sessionToken(n)
              + "\",\"expires_at\":"
              + expires
              + ",\"refresh_in\":"
              + (validSeconds / 2)
              + "}");
    }
    boolean authorized =
        ("Bearer " + sessionToken(exchanges.get())).equals(r.headers().get("authorization"))
            && r.headers().containsKey("editor-version")
            && r.headers().containsKey("copilot-integration-id");
    if (!authorized) {
      return json(
          res, 401, "{\"error\":{\"message\":\"unauthorized: token expired\",\"code\":\"401\"}}");
    }
    if (r.uri().equals("/chat/completions")) {
      return json(res, 200, ProviderSimulator.read("response/completions/basic.json"));
    }
    if (r.uri().equals("/v1/messages")) {
      return json(res, 200, ProviderSimulator.read("response/anthropic/basic.json"));
    }
    return json(res, 404, "{\"error\":{\"message\":\"no route\"}}");
  }

  private static Mono<Void> json(HttpServerResponse res, int status, String body) {
    return res.status(HttpResponseStatus.valueOf(status))
        .header("content-type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }
}
