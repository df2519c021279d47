package io.agw.gateway.security.extauthz;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * agentgateway's HTTP authorization: a request to the service with the client's method and path (or
 * the CEL {@code path}), the chosen headers ({@code Authorization} by default), the client's body
 * (with {@code x-envoy-auth-partial-body}) or the CEL {@code body}, and the CEL {@code
 * addRequestHeaders}. A 2xx allows, copying {@code includeResponseHeaders} onto the upstream
 * request and computing {@code metadata} over the service's response; a 401 or 403 with a {@code
 * redirect} answers 302 to it; any other answer goes to the client as it is. Immutable;
 * thread-safe.
 */
final class HttpCheck implements AuthorizationCheck {

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "upgrade");

  private final HttpClient client;
  private final String base;
  private final String authority;
  private final List<String> includedHeaders;
  private final CelExpression path;
  private final CelExpression redirect;
  private final CelExpression body;
  private final List<String> includedResponseHeaders;
  private final Map<String, CelExpression> addedHeaders;
  private final Map<String, CelExpression> metadata;

  HttpCheck(
      HttpClient client,
      String host,
      Duration timeout,
      List<String> includedHeaders,
      CelExpression path,
      CelExpression redirect,
      CelExpression body,
      List<String> includedResponseHeaders,
      Map<String, CelExpression> addedHeaders,
      Map<String, CelExpression> metadata) {
    this.client = client.responseTimeout(timeout);
    this.base = "http://" + host;
    this.authority = host;
    this.includedHeaders = includedHeaders.isEmpty() ? List.of("authorization") : includedHeaders;
    this.path = path;
    this.redirect = redirect;
    this.body = body;
    this.includedResponseHeaders = includedResponseHeaders;
    this.addedHeaders = addedHeaders;
    this.metadata = metadata;
  }

  @Override
  public Mono<Decision> check(CheckInput input) {
    ServerHttpRequest r = input.exchange().getRequest();
    CelContext cel = CelContext.request(input.exchange(), input.body());
    String method = r.getMethod().name();
    String target = RequestAttributes.pathAndQuery(r);
    String host = authority;
    HttpHeaders headers = new HttpHeaders();
    for (String name : includedHeaders) {
      String value = RequestAttributes.value(r, name);
      if (value == null) {
        continue;
      }
      switch (name) {
        case ":method" -> method = value;
        case ":path" -> target = value;
        case ":authority" -> host = value;
        case ":scheme" -> {}
        default -> headers.set(name, value);
      }
    }
    byte[] payload = new byte[0];
    if (body != null) {
      var value = body.string(cel);
      if (value.isEmpty()) {
        return Mono.just(new Decision.Unavailable("the body expression failed"));
      }
      payload = value.get().getBytes(StandardCharsets.UTF_8);
    } else if (input.body() != null) {
      payload = input.body();
      headers.set("x-envoy-auth-partial-body", String.valueOf(input.partial()));
    }
    if (path != null) {
      var value = path.string(cel);
      if (value.isEmpty() || !value.get().startsWith("/")) {
        return Mono.just(new Decision.Unavailable("the path expression failed"));
      }
      target = value.get();
    }
    for (var added : addedHeaders.entrySet()) {
      String value = added.getValue().string(cel).orElse(null);
      switch (added.getKey()) {
        case ":method" -> method = value == null ? method : value;
        case ":path" -> target = value == null ? target : value;
        case ":authority" -> host = value == null ? host : value;
        default -> {
          if (value == null) {
            headers.remove(added.getKey());
          } else {
            headers.set(added.getKey(), value);
          }
        }
      }
    }
    String hostHeader = host;
    byte[] sent = payload;
    return client
        .headers(
            h -> {
              headers.forEach((name, values) -> h.set(name, values));
              h.set("host", hostHeader);
            })
        .request(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
        .uri(base + target)
        .send(sent.length == 0 ? Mono.<ByteBuf>empty() : ByteBufFlux.fromInbound(Mono.just(sent)))
        .responseSingle(
            (response, content) ->
                content
                    .asByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(
                        bytes -> {
                          HttpHeaders answer = new HttpHeaders();
                          response
                              .responseHeaders()
                              .forEach(e -> answer.add(e.getKey(), e.getValue()));
                          return decision(input, cel, response.status().code(), answer, bytes);
                        }))
        .onErrorResume(e -> Mono.just(new Decision.Unavailable(e.toString())));
  }

  private Decision decision(
      CheckInput input, CelContext requestCel, int status, HttpHeaders answer, byte[] bytes) {
    if (status >= 200 && status < 300) {
      List<Decision.HeaderEdit> edits = new ArrayList<>();
      for (String name : includedResponseHeaders) {
        String value = answer.getFirst(name);
        if (value != null) {
          edits.add(
              new Decision.HeaderEdit(name, value, Decision.Action.OVERWRITE_IF_EXISTS_OR_ADD));
        }
      }
      Map<String, Object> values = new LinkedHashMap<>();
      if (!metadata.isEmpty()) {
        CelContext cel =
            CelContext.response(
                input.exchange(), input.body(), new CelContext.ResponseView(status, answer, bytes));
        metadata.forEach(
            (key, expression) -> expression.plain(cel).ifPresent(v -> values.put(key, v)));
      }
      return new Decision.Allow(edits, List.of(), List.of(), values);
    }
    if ((status == 401 || status == 403) && redirect != null) {
      var location = redirect.string(requestCel);
      if (location.isEmpty()) {
        return new Decision.DenyWithoutResponse(Map.of());
      }
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.LOCATION, location.get());
      return new Decision.Deny(302, headers, new byte[0], Map.of());
    }
    HttpHeaders headers = new HttpHeaders();
    answer.forEach(
        (name, values) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
            headers.put(name, values);
          }
        });
    return new Decision.Deny(status, headers, bytes, Map.of());
  }
}
