package io.agw.gateway.mcp.openapi;

import io.agw.gateway.mcp.upstream.UpstreamTransport;
import io.agw.model.resource.v1.McpOpenApiTarget;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * An OpenAPI target whose document is at a URL. The document is fetched when a connection to the
 * target opens, never while a configuration state is built (a reload must not depend on another
 * service), and is then kept for {@link #REFRESH} so that the many connections of many client
 * sessions share one fetch; a failed fetch is not kept, so the next connection tries again, and the
 * target is unavailable meanwhile (the backend's failure mode applies). Thread-safe.
 */
public final class RemoteOpenApiTarget {

  private static final Logger log = LoggerFactory.getLogger(RemoteOpenApiTarget.class);

  /** How long a fetched document is used before it is fetched again. */
  static final Duration REFRESH = Duration.ofMinutes(5);

  /** A document larger than this is refused: real API descriptions are far smaller. */
  static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  private final String url;
  private final Mono<OpenApiTarget> target;

  /**
   * @param callTimeout the longest wait for the document, and for each call of its operations
   */
  public RemoteOpenApiTarget(McpOpenApiTarget config, Duration callTimeout) {
    this.url = config.getSchemaUrl();
    HttpClient fetcher = HttpClient.create().followRedirect(true);
    if (url.startsWith("https:")) {
      fetcher = fetcher.secure();
    }
    HttpClient api = OpenApiTarget.defaultClient(config.getServer());
    this.target =
        fetch(fetcher, callTimeout)
            .map(
                text ->
                    OpenApiTarget.of(
                        OpenApiDocument.parse(text), config.getServer(), api, callTimeout))
            .doOnNext(
                t -> log.info("OpenAPI document {} read: {} tools", url, t.tools().tools().size()))
            .doOnError(e -> log.warn("OpenAPI document {} cannot be used: {}", url, e.getMessage()))
            .cache(t -> REFRESH, e -> Duration.ZERO, () -> Duration.ZERO);
  }

  private Mono<String> fetch(HttpClient fetcher, Duration timeout) {
    return fetcher
        .headers(h -> h.set("Accept", "application/json, application/yaml, text/yaml, */*;q=0.8"))
        .get()
        .uri(url)
        .response(
            (response, body) -> {
              int status = response.status().code();
              if (status < 200 || status > 299) {
                return Mono.error(new OpenApiException("GET " + url + " answered HTTP " + status));
              }
              return body.asByteArray()
                  .collect(
                      ByteArrayOutputStream::new,
                      (out, chunk) -> {
                        if (out.size() + chunk.length > MAX_DOCUMENT_BYTES) {
                          throw new OpenApiException(
                              url + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
                        }
                        out.writeBytes(chunk);
                      })
                  .map(out -> out.toString(StandardCharsets.UTF_8));
            })
        .next()
        .timeout(timeout)
        .onErrorMap(
            e -> !(e instanceof OpenApiException),
            e -> new OpenApiException("cannot fetch the OpenAPI document " + url + ": " + e));
  }

  /** A new connection: the document is fetched first unless a recent fetch is kept. */
  public UpstreamTransport newTransport() {
    return new Deferred();
  }

  /** A transport that becomes the document's in-process transport once the document is known. */
  private final class Deferred implements UpstreamTransport {

    private volatile UpstreamTransport delegate;
    private volatile boolean closed;

    @Override
    public Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable onClosed) {
      return target.flatMap(
          t -> {
            UpstreamTransport transport = t.newTransport();
            delegate = transport;
            if (closed) {
              transport.close();
              return Mono.error(new IllegalStateException(describe() + " is closed"));
            }
            return transport.start(inbound, onClosed);
          });
    }

    @Override
    public Mono<Void> send(JSONRPCMessage message) {
      UpstreamTransport transport = delegate;
      return transport == null
          ? Mono.error(new IllegalStateException(describe() + " is not connected"))
          : transport.send(message);
    }

    @Override
    public void close() {
      closed = true;
      UpstreamTransport transport = delegate;
      if (transport != null) {
        transport.close();
      }
    }

    @Override
    public String describe() {
      return "openapi:" + url;
    }
  }
}
