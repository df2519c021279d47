package io.agw.gateway.security.extauthz;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A plain HTTP authorization service on loopback. It records every request and allows one with
 * {@code Authorization: Bearer good} (200 with {@code x-auth-user: bob} and a JSON body naming the
 * group), and refuses any other with 401, {@code x-reason: no-token} and a body of its own.
 */
final class TestHttpAuthzServer implements AutoCloseable {

  /** One request the service received. */
  record Received(String method, String uri, Map<String, String> headers, String body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final DisposableServer server;

  TestHttpAuthzServer() {
    server =
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
                              Map<String, String> headers =
                                  req.requestHeaders().entries().stream()
                                      .collect(
                                          Collectors.toMap(
                                              e -> e.getKey().toLowerCase(),
                                              Map.Entry::getValue,
                                              (a, b) -> a + ", " + b));
                              received.add(
                                  new Received(req.method().name(), req.uri(), headers, body));
                              if ("Bearer good".equals(headers.get("authorization"))) {
                                return res.status(200)
                                    .header("x-auth-user", "bob")
                                    .header("x-not-copied", "1")
                                    .header("content-type", "application/json")
                                    .sendString(Mono.just("{\"group\":\"admins\"}"))
                                    .then();
                              }
                              return res.status(401)
                                  .header("x-reason", "no-token")
                                  .sendString(Mono.just("please log in"))
                                  .then();
                            }))
            .bindNow();
  }

  String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
