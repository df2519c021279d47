package io.agw.gateway.llm.sim;

import io.agw.gateway.llm.sim.ProviderSimulator.Received;
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

/**
 * The HTTP server a simulator is built on: listens on a free loopback port, reads each request's
 * whole body as text, records it as a {@link Received} (header names in lower case, repeated
 * headers joined with a comma) and hands it to the simulator's {@link Answer}. Also keeps the
 * failure injection the simulators share: {@link #failNext} arms a count of failures that the
 * answer takes one by one with {@link #takeFailure}, answering them in its own service's error
 * format.
 */
public final class RecordingServer implements AutoCloseable {

  /** How a simulator answers one recorded request. */
  @FunctionalInterface
  public interface Answer {
    Mono<Void> answer(Received request, HttpServerResponse response);
  }

  private final DisposableServer server;
  private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus;

  private RecordingServer(Answer answer) {
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
                        .flatMap(body -> answer.answer(record(req, body), res)))
            .bindNow();
  }

  /**
   * A server on a free loopback port that records every request and answers with {@code answer}.
   */
  public static RecordingServer start(Answer answer) {
    return new RecordingServer(answer);
  }

  public int port() {
    return server.port();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return "127.0.0.1:" + server.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + hostPort();
  }

  /** The requests received so far, oldest first. */
  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** The latest request received, or null. */
  public Received last() {
    return received.peekLast();
  }

  /** Forgets the recorded requests and any failures armed. */
  public void clear() {
    received.clear();
    failures.set(0);
  }

  /** Makes the next {@code count} requests fail with {@code status} (see {@link #takeFailure}). */
  public void failNext(int count, int status) {
    failureStatus = status;
    failures.set(count);
  }

  /** The status to fail the current request with when a failure is armed (using one up), else 0. */
  public int takeFailure() {
    return failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failureStatus : 0;
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
}
