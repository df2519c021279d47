package io.agw.gateway.tokenexchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth authorization server on loopback for tests: RFC 8693 token exchange and RFC 7523 JWT
 * bearer grants at {@code /<name>/token}, with the client credentials each endpoint expects (Basic,
 * form, or none) checked exactly. A request it cannot accept gets RFC 6749's {@code
 * invalid_request} / {@code invalid_client} / {@code invalid_grant} answer. It mints {@code
 * at-<n>-<subject>} bearer tokens, and ID-JAGs ({@code idjag-<n>-<subject>}, type id-jag, token
 * type N_A) when asked for one. It records every form it received per endpoint.
 */
final class TokenEndpointStandIn implements AutoCloseable {

  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

  /** What one endpoint expects of the gateway's client authentication. */
  record Client(String id, String secret, boolean basic) {}

  /** A received request: its form (parameters in order, repeated names kept) and headers. */
  record Received(List<Map.Entry<String, String>> form, String authorization, String contentType) {
    List<String> all(String name) {
      return form.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    String one(String name) {
      List<String> values = all(name);
      return values.size() == 1 ? values.get(0) : null;
    }
  }

  private final HttpServer server;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, Integer> failWith = new ConcurrentHashMap<>();
  private final AtomicInteger minted = new AtomicInteger();

  TokenEndpointStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String authority() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Expects {@code client} at {@code /<name>/token}; null expects no client credentials. */
  void expect(String name, Client client) {
    if (client != null) {
      clients.put(name, client);
    }
  }

  /** Every call to {@code /<name>/token} answers {@code status} with an RFC 6749 error. */
  void failWith(String name, int status) {
    failWith.put(name, status);
  }

  List<Received> received(String name) {
    return received.getOrDefault(name, List.of());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String name =
        path.endsWith("/token") ? path.substring(1, path.length() - "/token".length()) : "";
    byte[] raw = ex.getRequestBody().readAllBytes();
    List<Map.Entry<String, String>> form = parse(new String(raw, StandardCharsets.UTF_8));
    Received r =
        new Received(
            form,
            ex.getRequestHeaders().getFirst("Authorization"),
            ex.getRequestHeaders().getFirst("Content-Type"));
    received
        .computeIfAbsent(name, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(r);
    if (!ex.getRequestMethod().equals("POST")
        || !"application/x-www-form-urlencoded".equals(r.contentType())) {
      answer(ex, 400, Map.of("error", "invalid_request"));
      return;
    }
    Integer failure = failWith.get(name);
    if (failure != null) {
      answer(
          ex,
          failure,
          Map.of(
              "error",
              failure == 401 ? "invalid_client" : "invalid_grant",
              "error_description",
              "subject " + r.one("subject_token") + " rejected"));
      return;
    }
    if (!clientOk(name, r)) {
      answer(ex, 401, Map.of("error", "invalid_client"));
      return;
    }
    String grant = r.one("grant_type");
    String subject;
    if (TOKEN_EXCHANGE.equals(grant)) {
      subject = r.one("subject_token");
      if (subject == null || r.one("subject_token_type") == null || r.one("assertion") != null) {
        answer(ex, 400, Map.of("error", "invalid_request"));
        return;
      }
    } else if (JWT_BEARER.equals(grant)) {
      subject = r.one("assertion");
      if (subject == null || r.one("subject_token") != null) {
        answer(ex, 400, Map.of("error", "invalid_request"));
        return;
      }
    } else {
      answer(ex, 400, Map.of("error", "unsupported_grant_type"));
      return;
    }
    int n = minted.incrementAndGet();
    Map<String, Object> body = new LinkedHashMap<>();
    if (ID_JAG.equals(r.one("requested_token_type"))) {
      body.put("access_token", "idjag-" + n + "-" + subject);
      body.put("issued_token_type", ID_JAG);
      body.put("token_type", "N_A");
    } else {
      body.put("access_token", "at-" + n + "-" + subject);
      body.put("token_type", "Bearer");
      if (r.one("requested_token_type") != null) {
        body.put("issued_token_type", r.one("requested_token_type"));
      }
    }
    body.put("expires_in", 3600);
    answer(ex, 200, body);
  }

  private boolean clientOk(String name, Received r) {
    Client c = clients.get(name);
    if (c == null) {
      return r.authorization() == null
          && r.one("client_id") == null
          && r.one("client_secret") == null;
    }
    if (c.basic()) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (form(c.id()) + ":" + form(c.secret())).getBytes(StandardCharsets.UTF_8));
      return expected.equals(r.authorization()) && r.one("client_secret") == null;
    }
    return r.authorization() == null
        && c.id().equals(r.one("client_id"))
        && c.secret().equals(r.one("client_secret"));
  }

  private static String form(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<Map.Entry<String, String>> parse(String body) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(
          Map.entry(
              URLDecoder.decode(k, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static void answer(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
    StringBuilder json = new StringBuilder("{");
    body.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(k).append("\":");
          json.append(v instanceof Number ? v.toString() : "\"" + v + "\"");
        });
    byte[] bytes = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
