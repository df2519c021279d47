package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.credentials.GcpCredentialsFactory;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.GoogleModelArmor;
import io.agw.model.resource.v1.PolicySpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The {@code googleModelArmor} guard: sends the texts in its scope, joined by newlines, to a Model
 * Armor template ({@code POST /v1/projects/<project>/locations/<location>/templates/<template>
 * :sanitizeUserPrompt} with {@code {"userPromptData": {"text": ...}}} for prompts, {@code
 * :sanitizeModelResponse} with {@code {"modelResponseData": {"text": ...}}} for answers) on {@code
 * modelarmor.<location>.rep.googleapis.com}, with a Google OAuth bearer token; the answer is read
 * by {@link ModelArmorOutcome}. A failed call fails closed, as in agentgateway. Built once per
 * state; thread-safe.
 */
final class GoogleModelArmorGuard implements RemoteGuard {

  /** The kind as configured and as telemetry names it. */
  public static final String KIND = "googleModelArmor";

  /** The key of {@code agw.guardrails.endpoints} that replaces the public endpoint. */
  public static final String ENDPOINT_KEY = "google-model-armor";

  /** agentgateway's default location. */
  static final String DEFAULT_LOCATION = "us-central1";

  private final GuardServiceClient client;
  private final String template;

  private GoogleModelArmorGuard(GuardServiceClient client, String template) {
    this.client = client;
    this.template = template;
  }

  /**
   * @throws IllegalArgumentException when a secret does not resolve, a credential JSON is not valid
   *     or a certificate cannot be read
   */
  static GoogleModelArmorGuard of(GoogleModelArmor config, GuardServices services) {
    BackendTls tls = null;
    UpstreamCredentials credentials = null;
    for (PolicySpec spec : config.getPoliciesList()) {
      if (spec.hasBackendTls()) {
        tls = spec.getBackendTls();
      } else if (spec.hasBackendAuth() && spec.getBackendAuth().hasGcp()) {
        credentials = GcpCredentialsFactory.of(spec.getBackendAuth().getGcp(), services.secrets());
      } else if (spec.hasBackendAuth() && spec.getBackendAuth().hasKey()) {
        String key = services.secrets().resolve(spec.getBackendAuth().getKey());
        credentials = GuardKey.bearer(key);
      }
    }
    if (credentials == null) {
      credentials = GcpCredentialsFactory.of(GcpAuth.getDefaultInstance(), services.secrets());
    }
    String location = config.getLocation().isEmpty() ? DEFAULT_LOCATION : config.getLocation();
    URI base =
        services
            .endpoints()
            .base(
                ENDPOINT_KEY, URI.create("https://modelarmor." + location + ".rep.googleapis.com"));
    String template =
        "/v1/projects/"
            + config.getProjectId()
            + "/locations/"
            + location
            + "/templates/"
            + config.getTemplateId();
    return new GoogleModelArmorGuard(
        GuardServiceClient.of(KIND, base, tls, services.clients(), credentials), template);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    String text = GuardText.joined(texts);
    String path;
    Object body;
    if (phase == GuardPhase.REQUEST) {
      path = template + ":sanitizeUserPrompt";
      body = Map.of("userPromptData", Map.of("text", text));
    } else {
      path = template + ":sanitizeModelResponse";
      body = Map.of("modelResponseData", Map.of("text", text));
    }
    return client.post(path, body).map(ModelArmorOutcome::of);
  }

  @Override
  public boolean failOpen() {
    return false;
  }

  @Override
  public String toString() {
    return "GoogleModelArmorGuard[" + client.url(template) + "]";
  }
}
