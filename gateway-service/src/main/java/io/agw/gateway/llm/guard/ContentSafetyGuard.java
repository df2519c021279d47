package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.credentials.EntraTokens;
import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.model.resource.v1.AzureAnalyzeText;
import io.agw.model.resource.v1.AzureContentSafetyGuard;
import io.agw.model.resource.v1.BackendTls;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The {@code azureContentSafety} guard, as agentgateway's: the texts in scope, joined by newlines,
 * go to Azure AI Content Safety. With {@code analyzeText}, {@code text:analyze} rejects when any
 * category's severity reaches the threshold or any blocklist matches; then, on requests with {@code
 * detectJailbreak}, {@code text:detectJailbreak} rejects when a jailbreak is detected. It never
 * masks. The key goes in {@code Ocp-Apim-Subscription-Key}; with {@code backendAuth.azure}, an
 * Entra ID token goes in {@code Authorization: Bearer}. Fails closed: an unreachable service, an
 * error status, an unreadable answer or no token refuses with 503.
 */
final class ContentSafetyGuard implements RemoteGuard {

  static final String KIND = "azureContentSafety";

  private final AzureContentSafetyGuard config;
  private final GuardServiceClient client;

  ContentSafetyGuard(AzureContentSafetyGuard config, GuardServices services) {
    this.config = config;
    String endpoint = config.getEndpoint();
    URI base = URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
    this.client =
        GuardServiceClient.of(
            KIND,
            base,
            config.hasTls() ? config.getTls() : null,
            services.clients(),
            credentials(config, base, services));
  }

  /**
   * The key in {@code Ocp-Apim-Subscription-Key}; with {@code backendAuth.azure}, an Entra ID token
   * in {@code Authorization: Bearer}, fetched (or taken from the SDK's cache) per call.
   */
  private static UpstreamCredentials credentials(
      AzureContentSafetyGuard config, URI base, GuardServices services) {
    if (config.hasAuth() && config.getAuth().hasKey()) {
      return GuardKey.inHeader(
          "Ocp-Apim-Subscription-Key", services.secrets().resolve(config.getAuth().getKey()));
    }
    if (config.hasAuth() && config.getAuth().hasAzure()) {
      EntraTokens entra =
          new EntraTokens(
              KIND,
              config.getAuth().getAzure(),
              base.getHost(),
              services.secrets(),
              services.clients().secured(BackendTls.getDefaultInstance()));
      return request ->
          entra
              .bearer()
              .doOnNext(bearer -> request.headers().set(HttpHeaders.AUTHORIZATION, bearer))
              .then();
    }
    return UpstreamCredentials.NONE;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    String text = GuardText.joined(texts);
    Mono<Boolean> analyzed =
        config.hasAnalyzeText() ? analyze(config.getAnalyzeText(), text) : Mono.just(false);
    boolean jailbreak = phase == GuardPhase.REQUEST && config.hasDetectJailbreak();
    return analyzed
        .flatMap(blocked -> blocked || !jailbreak ? Mono.just(blocked) : detectJailbreak(text))
        .map(blocked -> blocked ? Verdict.Reject.configured() : Verdict.PASS);
  }

  private Mono<Boolean> analyze(AzureAnalyzeText analyze, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    if (analyze.getBlocklistNamesCount() > 0) {
      body.put("blocklistNames", analyze.getBlocklistNamesList());
    }
    if (analyze.hasHaltOnBlocklistHit()) {
      body.put("haltOnBlocklistHit", analyze.getHaltOnBlocklistHit());
    }
    return client
        .post(path("text:analyze", analyze.getApiVersion()), body)
        .map(answer -> analyzedAsHarmful(answer, analyze.getSeverityThreshold()));
  }

  private static boolean analyzedAsHarmful(JsonNode answer, int threshold) {
    JsonNode categories = answer.path("categoriesAnalysis");
    JsonNode blocklists = answer.path("blocklistsMatch");
    if (!categories.isArray() && !blocklists.isArray()) {
      throw new GuardServiceException(KIND + " analysis answer has no results");
    }
    if (blocklists.isArray() && !blocklists.isEmpty()) {
      return true;
    }
    for (JsonNode category : categories) {
      if (category.path("severity").asInt(0) >= threshold) {
        return true;
      }
    }
    return false;
  }

  private Mono<Boolean> detectJailbreak(String text) {
    return client
        .post(
            path("text:detectJailbreak", config.getDetectJailbreak().getApiVersion()),
            Map.of("text", text))
        .map(
            answer -> {
              JsonNode analysis = answer.path("jailbreakAnalysis");
              if (!analysis.path("detected").isBoolean()) {
                throw new GuardServiceException(KIND + " jailbreak answer has no result");
              }
              return analysis.path("detected").asBoolean();
            });
  }

  private static String path(String operation, String apiVersion) {
    return "/contentsafety/" + operation + "?api-version=" + apiVersion;
  }

  @Override
  public boolean failOpen() {
    return false;
  }
}
