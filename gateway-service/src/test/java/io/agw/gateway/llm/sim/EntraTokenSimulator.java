package io.agw.gateway.llm.sim;

import io.agw.gateway.llm.sim.ProviderSimulator.Received;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Microsoft identity platform's token endpoint for the client credentials grant, as its
 * reference describes it: {@code POST https://<authority>/<tenant>/oauth2/v2.0/token}, a form with
 * {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret} and {@code
 * scope}, answering {@code {"token_type": "Bearer", "expires_in", "access_token"}}, or 400/401 with
 * {@code {"error", "error_description"}} (AADSTS codes). Serves https with the test certificate for
 * {@code localhost} ({@code /tls/server.pem}, signed by {@code /tls/ca.pem}); knows one tenant, one
 * client and its secret, and issues one token for the scope it was given. Records every request.
 */
public final class EntraTokenSimulator implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String tenant;
  private final String clientId;
  private final String clientSecret;
  private final String token;
  private final DisposableServer server;
  private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();

  private EntraTokenSimulator(String tenant, String clientId, String clientSecret, String token) {
    this.tenant = tenant;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.token = token;
    SslContext tls;
    try (InputStream cert = resource("/tls/server.pem");
        InputStream key = resource("/tls/server.key")) {
      tls = SslContextBuilder.forServer(cert, key).build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .secure(spec -> spec.sslContext(tls))
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              Map<String, String> headers = new LinkedHashMap<>();
                              req.requestHeaders()
                                  .forEach(
                                      e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
                              Received r =
                                  new Received(req.method().name(), req.uri(), headers, body);
                              received.add(r);
                              return answer(r, res);
                            }))
            .bindNow();
  }

  /**
   * An authority that issues {@code token} to {@code clientId} of {@code tenant} with its secret.
   */
  public static EntraTokenSimulator start(
      String tenant, String clientId, String clientSecret, String token) {
    return new EntraTokenSimulator(tenant, clientId, clientSecret, token);
  }

  /** The authority host, as {@code AZURE_AUTHORITY_HOST} takes it. */
  public String authorityHost() {
    return "https://localhost:" + server.port() + "/";
  }

  /** The token requests received (other requests are in {@link #received()} too). */
  public List<Map<String, String>> tokenRequests() {
    return received.stream()
        .filter(r -> r.uri().endsWith("/oauth2/v2.0/token"))
        .map(r -> form(r.body()))
        .toList();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private Mono<Void> answer(Received r, HttpServerResponse res) {
    String path = r.uri().contains("?") ? r.uri().substring(0, r.uri().indexOf('?')) : r.uri();
    if (!r.method().equals("POST") || !path.endsWith("/oauth2/v2.0/token")) {
      return error(res, 404, "invalid_request", "AADSTS90002: Not found.");
    }
    String requestedTenant = path.substring(1, path.indexOf('/', 1));
    if (!requestedTenant.equals(tenant)) {
      return error(
          res, 400, "invalid_tenant", "AADSTS90002: Tenant '" + requestedTenant + "' not found.");
    }
    Map<String, String> form = form(r.body());
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return error(res, 400, "unsupported_grant_type", "AADSTS70003: grant type not supported.");
    }
    if (!clientId.equals(form.get("client_id"))) {
      return error(
          res, 400, "unauthorized_client", "AADSTS700016: Application not found in the directory.");
    }
    if (!clientSecret.equals(form.get("client_secret"))) {
      return error(res, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
    }
    if (form.get("scope") == null || !form.get("scope").endsWith("/.default")) {
      return error(res, 400, "invalid_scope", "AADSTS1002012: The provided scope is invalid.");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("token_type", "Bearer")
        .put("expires_in", 3599)
        .put("ext_expires_in", 3599)
        .put("access_token", token);
    return res.status(200)
        .header("content-type", "application/json; charset=utf-8")
        .sendString(Mono.just(body.toString()))
        .then();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static Mono<Void> error(
      HttpServerResponse res, int status, String error, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error).put("error_description", description).putArray("error_codes");
    return res.status(status)
        .header("content-type", "application/json; charset=utf-8")
        .sendString(Mono.just(body.toString()))
        .then();
  }

  private static InputStream resource(String name) {
    return EntraTokenSimulator.class.getResourceAsStream(name);
  }
}
