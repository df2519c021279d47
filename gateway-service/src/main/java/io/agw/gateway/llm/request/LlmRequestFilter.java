package io.agw.gateway.llm.request;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.LlmCallHooks;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.http.BufferLimit;
import io.agw.gateway.llm.backend.AiAdjustments;
import io.agw.gateway.llm.backend.ConditionalModel;
import io.agw.gateway.llm.backend.LlmBackend;
import io.agw.gateway.llm.backend.LlmProvider;
import io.agw.gateway.llm.call.LlmErrors;
import io.agw.gateway.llm.dispatch.LlmPlan;
import io.agw.gateway.llm.guard.GuardContext;
import io.agw.gateway.llm.guard.PromptGuards;
import io.agw.gateway.llm.hygiene.JsonRequestBody;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.ratelimit.PromptTokens;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LLM request phase of a route with an {@code ai} backend, run once the backend is chosen:
 * tells the front door from the path, reads and validates the JSON body once, resolves the model
 * (aliases, then the providers that serve it, by priority group), applies the route's defaults,
 * overrides and prompts, runs the request guards (the backend's {@code promptGuard} if it has one,
 * else the route's; they may mask the body or reject the request), and leaves an {@link LlmPlan}
 * for {@link LlmDispatchFilter}, which runs after the LLM policies and sends the request to one
 * provider after the other (translated for each, with the gateway's own credentials) until one
 * answers. Other paths pass through to a provider of the first group unchanged apart from
 * credentials. Errors are answered in the client's format. Immutable and thread-safe; built once
 * per route and state.
 */
public final class LlmRequestFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(LlmRequestFilter.class);

  /**
   * Larger request bodies are refused with 413 (unless the port sets {@link BufferLimit}); LLM
   * prompts with images stay well below.
   */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final AiAdjustments adjustments;
  private final PromptGuards routeGuards;
  private final LlmCallHooks usage;

  /**
   * @param routeGuards the route's prompt guards, for the providers whose backend has none
   * @param usage prices and attributes each call
   */
  public LlmRequestFilter(AiAdjustments adjustments, PromptGuards routeGuards, LlmCallHooks usage) {
    this.adjustments = adjustments;
    this.routeGuards = routeGuards;
    this.usage = usage;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Backend chosen = exchange.getAttribute(Backend.ATTRIBUTE);
    LlmBackend llm = chosen == null ? null : chosen.runtime(LlmBackend.class);
    if (llm == null) {
      return chain.filter(exchange);
    }
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getPath().value();
    ClientApi api = adjustments.classify(path).orElseGet(() -> ClientApi.forPath(path));
    LlmCall call = new LlmCall(api, System.nanoTime());
    usage.started(exchange, call);
    exchange.getAttributes().put(LlmCall.ATTRIBUTE, call);
    exchange.getAttributes().put(LlmFacts.ATTRIBUTE, call);
    if (api == ClientApi.PASSTHROUGH
        && llm.firstGroup().stream().anyMatch(p -> !guardsOf(p).isEmpty())) {
      // The gateway does not read passthrough bodies, so it could not guard them.
      return LlmErrors.write(
          exchange.getResponse(),
          Dialect.OPENAI,
          400,
          "this route's prompt guards cannot read passthrough requests (" + path + ")");
    }
    if (api == ClientApi.PASSTHROUGH) {
      LlmProvider first = llm.firstGroup().get(0);
      call.provider(first.kind().adapter().telemetryName(first.config()));
      String raw = request.getURI().getRawPath();
      String query = request.getURI().getRawQuery();
      String pathAndQuery = query == null ? raw : raw + "?" + query;
      exchange
          .getAttributes()
          .put(
              LlmPlan.ATTRIBUTE,
              new LlmPlan(api, "", null, pathAndQuery, List.of(llm.firstGroup())));
      return chain.filter(exchange);
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
    if (!JsonRequestBody.declaresJson(request.getHeaders())) {
      return LlmErrors.write(
          exchange.getResponse(),
          client,
          415,
          "the request body must be JSON (Content-Type: application/json)");
    }
    int maxBytes = BufferLimit.of(exchange, MAX_BODY_BYTES);
    return DataBufferUtils.join(request.getBody(), maxBytes)
        .map(LlmRequestFilter::drain)
        .defaultIfEmpty(new byte[0])
        .doOnNext(bytes -> call.prompt(new String(bytes, StandardCharsets.UTF_8)))
        .flatMap(bytes -> handle(exchange, chain, llm, call, bytes))
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                LlmErrors.write(
                    exchange.getResponse(),
                    client,
                    413,
                    "the request body is larger than " + maxBytes + " bytes"));
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
      // Decoded strictly, so that invalid UTF-8 is refused rather than replaced and sent upstream.
      JsonNode tree = WireJson.tree(JsonRequestBody.decode(bytes));
      if (!(tree instanceof ObjectNode object)) {
        return LlmErrors.write(response, client, 400, "the request body must be a JSON object");
      }
      body = object;
    } catch (JacksonException e) {
      return LlmErrors.write(response, client, 400, "the request body is not valid JSON");
    } catch (CharacterCodingException e) {
      return LlmErrors.write(response, client, 400, "the request body is not valid UTF-8");
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
    String aliased = adjustments.alias(requested);
    call.requestModel(requested);
    Optional<ConditionalModel> conditional = llm.conditional(aliased);
    String target = aliased;
    if (conditional.isPresent()) {
      Optional<String> chosen = conditional.get().choose(body, exchange);
      if (chosen.isEmpty()) {
        return LlmErrors.write(
            response,
            client,
            400,
            "virtual model '" + aliased + "' did not match any conditional target");
      }
      target = chosen.get();
      // As agentgateway: the request goes on as if the client had asked for the target.
      body.put("model", target);
    }
    String model = target;
    // A conditional target may be an internal model; a client cannot name one itself.
    List<List<LlmProvider>> serving =
        llm.candidates(model, conditional.isPresent(), exchange.getRequest().getHeaders());
    if (serving.isEmpty()) {
      return LlmErrors.write(
          response, client, 404, "the model '" + requested + "' is not served here");
    }
    // Only providers whose dialect offers this endpoint are candidates.
    List<List<LlmProvider>> groups = new ArrayList<>();
    for (List<LlmProvider> group : serving) {
      List<LlmProvider> able =
          group.stream()
              .filter(p -> p.translation(api, p.upstreamModel(model)).isPresent())
              .toList();
      if (!able.isEmpty()) {
        groups.add(able);
      }
    }
    if (groups.isEmpty()) {
      return LlmErrors.write(
          response,
          client,
          400,
          "this endpoint is not available for the provider of model '" + requested + "'");
    }
    // Until a provider is called, the facts name the most likely one.
    LlmProvider likely = groups.get(0).get(0);
    call.provider(likely.kind().adapter().telemetryName(likely.config()));
    call.upstreamModel(likely.upstreamModel(model));
    try {
      adjustments.apply(body, api);
    } catch (RuntimeException e) {
      log.debug("cannot adjust an LLM request: {}", e.toString());
      return LlmErrors.write(
          response, client, 400, "the request body does not match the API of " + api.suffix());
    }
    Set<PromptGuards> candidateGuards = Collections.newSetFromMap(new IdentityHashMap<>());
    groups.forEach(group -> group.forEach(p -> candidateGuards.add(guardsOf(p))));
    if (candidateGuards.size() > 1) {
      // The request is guarded once, before a provider is chosen, so they must agree.
      return LlmErrors.write(
          response,
          client,
          500,
          "the providers that may serve model '"
              + requested
              + "' have different prompt guards on their backends; give them the same guards");
    }
    PromptGuards guards = candidateGuards.iterator().next();
    boolean stream = body.path("stream").asBoolean(false);
    if (stream && !guards.guardsStreamsOf(api)) {
      // Never a silent gap: this streamed answer would reach the client unguarded.
      return LlmErrors.write(
          response,
          client,
          400,
          "this route's response guards do not support streamed answers on "
              + api.suffix()
              + " yet; send the request without \"stream\": true");
    }
    if (guards.isEmpty()) {
      return plan(exchange, chain, call, model, body, groups, stream);
    }
    // After the route's own prompts are added, so they are guarded too; masks reach the provider.
    GuardContext context = new GuardContext(exchange, body);
    return guards
        .onRequest(body, api, context)
        .flatMap(
            rejected -> {
              if (rejected.isPresent()) {
                return rejected.get().write(response, client);
              }
              if (guards.guardsAnswers()) {
                exchange
                    .getAttributes()
                    .put(PromptGuards.ATTRIBUTE, new PromptGuards.AnswerGuards(guards, context));
              }
              return plan(exchange, chain, call, model, body, groups, stream);
            });
  }

  /** Leaves the plan of a checked request for {@link LlmDispatchFilter} and goes on. */
  private static Mono<Void> plan(
      ServerWebExchange exchange,
      GatewayFilterChain chain,
      LlmCall call,
      String model,
      ObjectNode body,
      List<List<LlmProvider>> groups,
      boolean stream) {
    ClientApi api = call.api();
    if (groups.stream().flatMap(List::stream).anyMatch(p -> p.config().getTokenize())) {
      // Token rate limits charge this up front (TokenEstimateFilter) and settle with the usage
      // the provider reports.
      call.estimatedInputTokens(PromptTokens.estimate(model, PromptText.of(body)));
    }
    call.stream(stream);
    exchange
        .getAttributes()
        .put(LlmPlan.ATTRIBUTE, new LlmPlan(api, model, body, null, List.copyOf(groups)));
    return chain.filter(exchange);
  }

  /** agentgateway's merge: the guards of the provider's backend replace the route's. */
  private PromptGuards guardsOf(LlmProvider provider) {
    return provider.guards() != null ? provider.guards() : routeGuards;
  }

  private static byte[] drain(DataBuffer buffer) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    buffer.read(bytes);
    DataBufferUtils.release(buffer);
    return bytes;
  }

  @Override
  public String toString() {
    return "LlmRequest[" + adjustments.routes().size() + " route types]";
  }
}
