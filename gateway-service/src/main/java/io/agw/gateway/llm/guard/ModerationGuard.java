package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.model.resource.v1.OpenAiModerationGuard;
import java.net.URI;
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

  private static final String PATH = "/v1/moderations";

  private final String model;
  private final GuardServiceClient client;

  ModerationGuard(OpenAiModerationGuard config, GuardServices services) {
    this.model = config.getModel();
    URI base = services.endpoints().base(ENDPOINT_KEY, URI.create(DEFAULT_ENDPOINT));
    UpstreamCredentials key =
        config.hasAuth() && config.getAuth().hasKey()
            ? GuardKey.bearer(services.secrets().resolve(config.getAuth().getKey()))
            : UpstreamCredentials.NONE;
    this.client =
        GuardServiceClient.of(
            KIND, base, config.hasTls() ? config.getTls() : null, services.clients(), key);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", GuardText.texts(texts));
    body.put("model", model);
    return client.post(PATH, body).map(ModerationGuard::verdict);
  }

  private static Verdict verdict(JsonNode answer) {
    JsonNode results = answer.path("results");
    if (!results.isArray()) {
      throw new GuardServiceException(KIND + " answer has no results");
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
