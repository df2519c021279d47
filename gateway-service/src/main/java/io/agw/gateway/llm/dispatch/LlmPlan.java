package io.agw.gateway.llm.dispatch;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.backend.BodyTransformation;
import io.agw.gateway.llm.backend.LlmProvider;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.openai.InlineModeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the request phase decided about one LLM request, before any provider is called: the API, the
 * model (aliases resolved), the client's body with the route's adjustments, and the providers that
 * may serve it by priority group. The dispatch filter turns it into one upstream request per
 * attempt with {@link #prepare}. Stored as an exchange attribute; immutable apart from the body,
 * which is never changed after the request phase (each attempt works on a copy).
 *
 * @param api the front door the client called
 * @param model the model after aliases; empty for passthrough
 * @param body the adjusted client body; null for passthrough (the client's body streams through
 *     unchanged, so it cannot be sent twice)
 * @param passthroughPath the upstream path and query for passthrough; null otherwise
 * @param groups the candidate providers by priority group; none empty
 */
public record LlmPlan(
    ClientApi api,
    String model,
    ObjectNode body,
    String passthroughPath,
    List<List<LlmProvider>> groups) {

  /** The exchange attribute holding the plan. */
  public static final String ATTRIBUTE = LlmPlan.class.getName();

  /** One attempt's upstream request for a provider. */
  record Prepared(
      String pathAndQuery,
      byte[] body,
      Translation translation,
      StreamTranslator stream,
      String upstreamModel,
      boolean streaming) {}

  /** Whether the request can be sent more than once (its body is buffered). */
  boolean resendable() {
    return body != null;
  }

  /** The client's format, for errors. */
  Dialect client() {
    return api.dialect();
  }

  /**
   * The upstream request for {@code provider}: its own transformation and adjustments, pinned
   * model, dialect and path; {@code exchange} is what the transformation's CEL reads besides the
   * body.
   *
   * @throws RuntimeException when the body does not fit the API's records (the client's fault)
   */
  Prepared prepare(LlmProvider provider, ServerWebExchange exchange) {
    if (body == null) {
      return new Prepared(passthroughPath, null, null, null, "", false);
    }
    ObjectNode copy = body.deepCopy();
    // agentgateway evaluates a model's transformation on the body before its own adjustments.
    Map<String, Optional<JsonNode>> transformed =
        provider.transformation().evaluate(copy, exchange);
    provider.adjustments().apply(copy, api);
    BodyTransformation.write(copy, transformed);
    // A transformation may rename the model (e.g. strip a prefix); a pinned model still wins.
    String requested =
        transformed.containsKey("model") && copy.path("model").isString()
            ? copy.get("model").stringValue()
            : model;
    String upstreamModel = provider.upstreamModel(requested);
    Translation translation =
        provider
            .translation(api, upstreamModel)
            .orElseThrow(() -> new IllegalStateException("no translation for " + provider.name()));
    copy.put("model", upstreamModel);
    boolean streaming = copy.path("stream").asBoolean(false);
    StreamTranslator stream = streaming ? translation.stream(copy) : null;
    byte[] bytes =
        InlineModeration.apply(
            provider.config(), translation.upstreamApi(), translation.request(copy));
    return new Prepared(
        provider.pathAndQuery(translation.upstreamApi(), upstreamModel, streaming),
        bytes,
        translation,
        stream,
        upstreamModel,
        streaming);
  }
}
