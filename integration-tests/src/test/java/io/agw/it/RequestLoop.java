package io.agw.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Client threads that send GET requests in a loop, each thread over one pooled keep-alive client,
 * until stopped or until each has sent its bounded number of requests. Every request whose answer
 * the check rejects, or that fails (connection refused or reset, timeout), is recorded as a failure
 * with its reason.
 */
final class RequestLoop implements AutoCloseable {

  /** One request a thread sends in turn: the URL and what a correct answer looks like. */
  record Probe(String url, Predicate<HttpResponse<String>> ok) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private RequestLoop() {}

  /**
   * Starts {@code threads} threads; each sends the probes in turn, at most {@code perThread}
   * requests.
   */
  static RequestLoop start(int threads, int perThread, List<Probe> probes) {
    RequestLoop loop = new RequestLoop();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> loop.run(perThread, probes), "request-loop-" + t);
      thread.setDaemon(true);
      loop.threads.add(thread);
      thread.start();
    }
    return loop;
  }

  private void run(int perThread, List<Probe> probes) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < perThread && running.get(); i++) {
      Probe probe = probes.get(i % probes.size());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(probe.url())).timeout(Duration.ofSeconds(10)).build();
      sent.incrementAndGet();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (!probe.ok().test(response)) {
          failures.add(probe.url() + " -> " + response.statusCode() + " " + response.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failures.add(probe.url() + " -> " + e);
      }
    }
  }

  /** Requests sent so far. */
  int sent() {
    return sent.get();
  }

  /** The failed requests so far, each with its reason. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops the threads after their current request and waits for them. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30).toMillis());
    }
  }
}
