package io.agw.gateway.llm.exchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.cel.LlmFacts;
import io.agw.gateway.llm.ClientApi;
import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.exchange.stream.StreamTranslator;
import io.agw.gateway.llm.wire.WireJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LLM request phase of a route with an {@code ai} backend, run once the backend is chosen:
 * tells the front door from the path, reads and validates the JSON body once, resolves the model
 * (aliases, then the provider that serves it), applies defaults, overrides and prompts, translates
 * the body for the provider's dialect, points the request at the provider with the gateway's own
 * credentials (the client's are removed), and decorates the response for translation back. Other
 * paths pass through to the provider unchanged apart from credentials. Errors are answered in the
 * client's format. Immutable and thread-safe; built once per route and state.
 */
final class LlmRequestFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(LlmRequestFilter.class);

  /** Larger request bodies are refused with 413; LLM prompts with images stay well below. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final AiAdjustments adjustments;

  LlmRequestFilter(AiAdjustments adjustments) {
    this.adjustments = adjustments;
  }

  /** What was decided about one request before it is sent. */
  private record Plan(
      LlmProvider provider,
      String pathAndQuery,
      byte[] body,
      Translation translation,
      StreamTranslator stream,
      Dialect dialect) {}

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Backend chosen = exchange.getAttribute(Backend.ATTRIBUTE);
    if (chosen == null || chosen.llm() == null) {
      return chain.filter(exchange);
    }
    LlmBackend llm = chosen.llm();
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getPath().value();
    ClientApi api = adjustments.classify(path).orElseGet(() -> ClientApi.forPath(path));
    LlmCall call = new LlmCall(api, System.nanoTime());
    exchange.getAttributes().put(LlmCall.ATTRIBUTE, call);
    exchange.getAttributes().put(LlmFacts.ATTRIBUTE, call);
    if (api == ClientApi.PASSTHROUGH) {
      LlmProvider provider = llm.any();
      call.provider(provider.kind().adapter().telemetryName(provider.config()));
      String raw = request.getURI().getRawPath();
      String query = request.getURI().getRawQuery();
      Plan plan =
          new Plan(
              provider,
              query == null ? raw : raw + "?" + query,
              null,
              null,
              null,
              provider.kind().adapter().dialect());
      return send(exchange, chain, plan, call, Dialect.OPENAI);
    }
    if (api == ClientApi.MODELS) {
      if (request.getMethod() != HttpMethod.GET) {
        return LlmErrors.write(
            exchange.getResponse(), Dialect.OPENAI, 405, "use GET to list models");
      }
      // Written by LocalAnswerFilter, after the policies that need the LLM facts.
      java.util.function.Supplier<Mono<Void>> answer =
          () -> ModelList.write(exchange.getResponse(), llm, adjustments);
      exchange.getAttributes().put(LocalAnswerFilter.ATTRIBUTE, answer);
      return chain.filter(exchange);
    }
    Dialect client = api.dialect();
    if (request.getMethod() != HttpMethod.POST) {
      return LlmErrors.write(exchange.getResponse(), client, 405, "use POST on " + path);
    }
    return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
        .map(LlmRequestFilter::drain)
        .defaultIfEmpty(new byte[0])
        .flatMap(bytes -> handle(exchange, chain, llm, call, bytes))
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                LlmErrors.write(
                    exchange.getResponse(),
                    client,
                    413,
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
  }

  private Mono<Void> handle(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      LlmBackend llm,
      LlmCall call,
      byte[] bytes) {
    ClientApi api = call.api();
    Dialect client = api.dialect();
    var response = exchange.getResponse();
    ObjectNode body;
    try {
      JsonNode tree = WireJson.tree(new String(bytes, StandardCharsets.UTF_8));
      if (!(tree instanceof ObjectNode object)) {
        return LlmErrors.write(response, client, 400, "the request body must be a JSON object");
      }
      body = object;
    } catch (JacksonException e) {
      return LlmErrors.write(response, client, 400, "the request body is not valid JSON");
    }
    JsonNode modelNode = body.get("model");
    if (modelNode == null || !modelNode.isString() || modelNode.stringValue().isBlank()) {
      return LlmErrors.write(response, client, 400, "'model' is required");
    }
    if ((api == ClientApi.COMPLETIONS || api == ClientApi.MESSAGES)
        && !(body.get("messages") != null && body.get("messages").isArray())) {
      return LlmErrors.write(response, client, 400, "'messages' is required (a list)");
    }
    String requested = modelNode.stringValue();
    String model = adjustments.alias(requested);
    call.requestModel(requested);
    LlmProvider provider = llm.choose(model).orElse(null);
    if (provider == null) {
      return LlmErrors.write(
          response, client, 404, "the model '" + requested + "' is not served here");
    }
    call.provider(provider.kind().adapter().telemetryName(provider.config()));
    String upstreamModel = provider.upstreamModel(model);
    Dialect dialect = provider.kind().adapter().dialect(provider.config(), upstreamModel);
    Translation translation = Translations.of(api, provider, upstreamModel).orElse(null);
    if (translation == null) {
      return LlmErrors.write(
          response,
          client,
          400,
          "this endpoint is not available for the provider of model '" + requested + "'");
    }
    call.upstreamModel(upstreamModel);
    byte[] upstreamBody;
    StreamTranslator stream;
    boolean streaming;
    try {
      adjustments.apply(body, api);
      provider.adjustments().apply(body, api);
      body.put("model", upstreamModel);
      streaming = body.path("stream").asBoolean(false);
      call.stream(streaming);
      stream = streaming ? translation.stream(body) : null;
      upstreamBody = translation.request(body);
    } catch (RuntimeException e) {
      // The mappers read typed records: a field of the wrong shape ends here, not in a 500.
      log.debug("cannot translate an LLM request: {}", e.toString());
      return LlmErrors.write(
          response, client, 400, "the request body does not match the API of " + api.suffix());
    }
    Plan plan =
        new Plan(
            provider,
            provider.pathAndQuery(translation.upstreamApi(), upstreamModel, streaming),
            upstreamBody,
            translation,
            stream,
            dialect);
    return send(exchange, chain, plan, call, client);
  }

  private Mono<Void> send(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      Plan plan,
      LlmCall call,
      Dialect client) {
    Backend upstream = plan.provider().upstream();
    URI base = upstream.base();
    exchange.getAttributes().put(Backend.ATTRIBUTE, upstream);
    URI url = URI.create(base + plan.pathAndQuery());
    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
    HttpHeaders headers = upstreamHeaders(exchange.getRequest().getHeaders(), plan, base);
    ServerHttpRequest request = new UpstreamRequest(exchange.getRequest(), headers, plan.body());
    LlmResponseDecorator.Slot slot = exchange.getAttribute(LlmResponseDecorator.Slot.ATTRIBUTE);
    if (plan.translation() != null && slot != null) {
      slot.set(plan.translation(), plan.stream(), call, client);
    }
    OutboundRequest outbound = new OutboundRequest(request.getMethod(), url, headers, plan.body());
    return plan.provider()
        .credentials()
        .apply(outbound)
        .onErrorMap(CredentialsException::new)
        .then(Mono.defer(() -> chain.filter(exchange.mutate().request(request).build())))
        .onErrorResume(
            e -> {
              if (exchange.getResponse().isCommitted()) {
                return Mono.error(e);
              }
              if (slot != null) {
                slot.clear();
              }
              int status = e instanceof CredentialsException ? 502 : LlmErrors.statusOf(e);
              log.warn(
                  "LLM provider {} failed: {} -> {}", plan.provider().name(), e.toString(), status);
              call.error(Integer.toString(status));
              String message =
                  e instanceof CredentialsException
                      ? "the gateway could not obtain credentials for the LLM provider"
                      : LlmErrors.messageOf(status);
              return LlmErrors.write(exchange.getResponse(), client, status, message);
            });
  }

  private static HttpHeaders upstreamHeaders(HttpHeaders original, Plan plan, URI base) {
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(original);
    // Clients authenticate to the gateway only; their credentials never reach the provider.
    headers.remove(HttpHeaders.AUTHORIZATION);
    headers.remove("x-api-key");
    headers.remove("api-key");
    headers.remove("x-goog-api-key");
    // The gateway reads the response, so it must arrive uncompressed.
    headers.remove(HttpHeaders.ACCEPT_ENCODING);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    boolean defaultPort =
        (base.getScheme().equals("https") && base.getPort() == 443)
            || (base.getScheme().equals("http") && base.getPort() == 80);
    headers.set(HttpHeaders.HOST, defaultPort ? base.getHost() : base.getAuthority());
    LlmProvider provider = plan.provider();
    provider.upstream().requestHeaders().forEach(change -> change.accept(headers));
    if (plan.dialect() == Dialect.ANTHROPIC) {
      provider.kind().adapter().requiredHeaders(headers);
    }
    if (plan.body() != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.setContentLength(plan.body().length);
    }
    return headers;
  }

  private static byte[] drain(DataBuffer buffer) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    buffer.read(bytes);
    DataBufferUtils.release(buffer);
    return bytes;
  }

  /** The request as sent upstream: new headers and, when translated, the new body. */
  private static final class UpstreamRequest extends ServerHttpRequestDecorator {
    private final HttpHeaders headers;
    private final byte[] body;

    UpstreamRequest(ServerHttpRequest delegate, HttpHeaders headers, byte[] body) {
      super(delegate);
      this.headers = headers;
      this.body = body;
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      if (body == null) {
        return super.getBody();
      }
      return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
    }
  }

  /** The provider's credentials could not be obtained (a token endpoint down, a bad key file). */
  private static final class CredentialsException extends RuntimeException {
    CredentialsException(Throwable cause) {
      super("cannot obtain the provider's credentials: " + cause.getMessage(), cause);
    }
  }

  @Override
  public String toString() {
    return "LlmRequest[" + adjustments.routes().size() + " route types]";
  }
}
