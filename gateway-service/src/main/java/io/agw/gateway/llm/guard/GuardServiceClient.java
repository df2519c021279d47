package io.agw.gateway.llm.guard;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.BackendTls;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * Posts JSON to one guard service and reads its JSON answer: the service's base URL, the gateway
 * client for its TLS settings, and the credentials applied to each request once its URL, headers
 * and body are final (so a SigV4 signature covers them). Every remote guard kind but the webhook
 * calls its service through one of these. Built once per configured guard; thread-safe.
 *
 * <p>A failed call (connection refused, a non-2xx status, an answer larger than {@link
 * #MAX_ANSWER_BYTES} or that is not a JSON object) fails the Mono with a {@link
 * GuardServiceException} whose message names the guard kind and the status only: never the texts
 * sent or the credentials.
 */
public final class GuardServiceClient {

  /** Answers larger than this are refused: reading stops there and nothing more is buffered. */
  static final int MAX_ANSWER_BYTES = 1 << 20;

  private final String kind;
  private final URI base;
  private final HttpClient http;
  private final UpstreamCredentials credentials;

  private GuardServiceClient(
      String kind, URI base, HttpClient http, UpstreamCredentials credentials) {
    this.kind = kind;
    this.base = base;
    this.http = http;
    this.credentials = credentials;
  }

  /**
   * A client for {@code base}: over TLS when the URL is {@code https} or {@code tls} is set (the
   * guard's {@code backendTLS}; null trusts the system's roots), else plain HTTP.
   *
   * @param credentials applied to every request last; {@link UpstreamCredentials#NONE} for none
   * @throws IllegalArgumentException when the TLS settings' certificates cannot be read
   */
  public static GuardServiceClient of(
      String kind,
      URI base,
      BackendTls tls,
      BackendClients clients,
      UpstreamCredentials credentials) {
    boolean secure = "https".equalsIgnoreCase(base.getScheme()) || tls != null;
    URI effective = secure ? withScheme(base, "https") : base;
    HttpClient http;
    if (secure) {
      BackendTls settings = tls == null ? BackendTls.getDefaultInstance() : tls;
      BackendClients.sslContext(settings); // refuse the state now on unreadable certificates
      http = clients.secured(settings);
    } else {
      http = clients.plain();
    }
    return new GuardServiceClient(kind, effective, http, credentials);
  }

  private static URI withScheme(URI base, String scheme) {
    return URI.create(scheme + base.toString().substring(base.getScheme().length()));
  }

  /** The URL a path (with its query, if any) is sent to. */
  public URI url(String path) {
    String prefix = base.toString();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return URI.create(prefix + path);
  }

  /** Posts {@code body} as JSON to {@code path} and reads the JSON object answered. */
  public Mono<JsonNode> post(String path, Object body) {
    URI url = url(path);
    byte[] bytes = WireJson.write(body).getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.HOST, url.getRawAuthority());
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    OutboundRequest request = new OutboundRequest(HttpMethod.POST, url, headers, bytes);
    return credentials
        .apply(request)
        .then(
            Mono.defer(
                () ->
                    http.headers(h -> headers.forEach((name, values) -> h.set(name, values)))
                        .post()
                        .uri(url)
                        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
                        .response((response, content) -> answer(response.status().code(), content))
                        .single()));
  }

  private Mono<JsonNode> answer(int status, ByteBufFlux content) {
    if (status < 200 || status > 299) {
      return Mono.error(new GuardServiceException(kind + " answered HTTP " + status));
    }
    return content
        .asByteArray()
        .collect(
            ByteArrayOutputStream::new,
            (answer, chunk) -> {
              if (answer.size() + chunk.length > MAX_ANSWER_BYTES) {
                throw new GuardServiceException(kind + " answered with a body that is too large");
              }
              answer.writeBytes(chunk);
            })
        .map(answer -> json(answer.toByteArray()));
  }

  private JsonNode json(byte[] answer) {
    JsonNode tree;
    try {
      tree = WireJson.tree(new String(answer, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new GuardServiceException(kind + " answered with a body that is not JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw new GuardServiceException(kind + " answered with a body that is not a JSON object");
    }
    return tree;
  }

  /** A guard service call that failed; the message holds no texts and no credentials. */
  public static final class GuardServiceException extends RuntimeException {
    public GuardServiceException(String message) {
      super(message, null, false, false);
    }
  }
}
