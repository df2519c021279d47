package io.agw.gateway.llm.guard;

import io.agw.model.resource.v1.OpenAiModerationGuard;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The {@code openAIModeration} request guard, as agentgateway's: sends the texts in scope to
 * OpenAI's moderations API ({@code POST /v1/moderations} with {@code {"input": [texts], "model":
 * ...}}) and rejects with the configured rejection when any result is {@code flagged}. It never
 * masks. Fails closed: an unreachable service, an error status or an answer without {@code results}
 * refuses the request with 503.
 */
final class ModerationGuard implements RemoteGuard {

  static final String KIND = "openAIModeration";

  /** The property key of the endpoint override ({@code agw.guardrails.endpoints.*}). */
  static final String ENDPOINT_KEY = "openai-moderation";

  static final String DEFAULT_ENDPOINT = "https://api.openai.com";

  private final String model;
  private final String url;
  private final GuardServiceCall call;

  ModerationGuard(OpenAiModerationGuard config, GuardServices services) {
    this.model = config.getModel();
    String base = services.endpoints().endpoint(ENDPOINT_KEY, DEFAULT_ENDPOINT);
    this.url = base + "/v1/moderations";
    Map<String, String> headers = new HashMap<>();
    if (config.hasAuth() && config.getAuth().hasKey()) {
      headers.put(
          "Authorization", "Bearer " + services.secrets().resolve(config.getAuth().getKey()));
    }
    this.call =
        new GuardServiceCall(
            KIND, base, config.hasTls() ? config.getTls() : null, headers, services);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", texts.stream().map(GuardText::text).toList());
    body.put("model", model);
    return call.post(url, body).map(ModerationGuard::verdict);
  }

  private static Verdict verdict(JsonNode answer) {
    JsonNode results = answer.path("results");
    if (!results.isArray()) {
      throw new GuardServiceCall.GuardServiceException(KIND + " answer has no results");
    }
    for (JsonNode result : results) {
      if (result.path("flagged").asBoolean(false)) {
        return Verdict.Reject.configured();
      }
    }
    return Verdict.PASS;
  }

  @Override
  public boolean failOpen() {
    return false;
  }
}
