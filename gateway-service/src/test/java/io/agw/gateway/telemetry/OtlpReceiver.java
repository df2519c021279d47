package io.agw.gateway.telemetry;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver on loopback: accepts {@code POST /v1/traces} with a protobuf
 * {@code ExportTraceServiceRequest} (gzip or not), keeps every span, answers an empty success.
 */
final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            request.getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .forEach(spans::add);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
              }
            }
          }
        });
    server.start();
  }

  /** The endpoint to configure: {@code http://127.0.0.1:port/v1/traces}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  /** Every span received so far. */
  List<Span> spans() {
    return List.copyOf(spans);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
