package io.agw.gateway.support;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback that answers every request with a JSON echo of what it received
 * (its name, method, path, query, headers, body), and records the requests. Paths: {@code
 * /status/N} answers status N; {@code /delay/MS} waits before answering; {@code /flaky/N} answers
 * 503 to the first N requests, then 200.
 */
public final class TestUpstream implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One received request. */
  public record Received(String method, String uri, Map<String, String> headers, String body) {}

  private final String name;
  private final DisposableServer server;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger flaky = new AtomicInteger();

  private TestUpstream(String name, SslContext tls) {
    this.name = name;
    HttpServer http =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              Received r = record(req, body);
                              int status = 200;
                              Duration delay = Duration.ZERO;
                              String path = req.fullPath();
                              if (path.startsWith("/status/")) {
                                status = Integer.parseInt(path.substring("/status/".length()));
                              } else if (path.startsWith("/delay/")) {
                                delay =
                                    Duration.ofMillis(
                                        Long.parseLong(path.substring("/delay/".length())));
                              } else if (path.startsWith("/flaky/")) {
                                int failures = Integer.parseInt(path.substring("/flaky/".length()));
                                if (flaky.getAndIncrement() < failures) {
                                  status = 503;
                                }
                              }
                              byte[] json = JSON.writeValueAsBytes(echo(r));
                              int code = status;
                              return Mono.delay(delay)
                                  .then(
                                      res.status(code)
                                          .header("content-type", "application/json")
                                          .header("x-upstream", name)
                                          .sendByteArray(Mono.just(json))
                                          .then());
                            }));
    if (tls != null) {
      http = http.secure(spec -> spec.sslContext(tls));
    }
    this.server = http.bindNow();
  }

  public static TestUpstream start(String name) {
    return new TestUpstream(name, null);
  }

  /**
   * An HTTPS upstream with the test CA's server certificate (localhost, backend.test, 127.0.0.1).
   */
  public static TestUpstream startTls(String name) {
    try (InputStream cert = resource("tls/server.pem");
        InputStream key = resource("tls/server.key")) {
      return new TestUpstream(name, SslContextBuilder.forServer(cert, key).build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String name) {
    return TestUpstream.class.getClassLoader().getResourceAsStream(name);
  }

  private Received record(HttpServerRequest req, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.requestHeaders()
        .forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
    Received r = new Received(req.method().name(), req.uri(), headers, body);
    received.add(r);
    return r;
  }

  private Map<String, Object> echo(Received r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("upstream", name);
    out.put("method", r.method());
    out.put("uri", r.uri());
    out.put("headers", r.headers());
    out.put("body", r.body());
    return out;
  }

  public int port() {
    return server.port();
  }

  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public void reset() {
    received.clear();
    flaky.set(0);
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
