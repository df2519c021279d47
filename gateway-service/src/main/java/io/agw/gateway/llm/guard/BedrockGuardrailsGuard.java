package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.credentials.ProviderCredentials;
import io.agw.model.resource.v1.AwsAuth;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.BedrockGuardrails;
import io.agw.model.resource.v1.PolicySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The {@code bedrockGuardrails} guard: sends the texts in its scope to Bedrock's ApplyGuardrail
 * ({@code POST /guardrail/<id>/version/<version>/apply} on {@code
 * bedrock-runtime.<region>.amazonaws.com}), one text block per text, {@code source} {@code INPUT}
 * for prompts and {@code OUTPUT} for answers, signed with SigV4 (service {@code bedrock}); the
 * answer is read by {@link BedrockGuardrailOutcome}. It has no failure mode of its own: a failed
 * call fails closed, as in agentgateway. Built once per state; thread-safe.
 */
final class BedrockGuardrailsGuard implements RemoteGuard {

  /** The kind as configured and as telemetry names it. */
  public static final String KIND = "bedrockGuardrails";

  /** The key of {@code agw.guardrails.endpoints} that replaces the public endpoint. */
  public static final String ENDPOINT_KEY = "bedrock-guardrails";

  /** The AWS SDK's own endpoint override for the Bedrock runtime, honoured too. */
  static final String AWS_ENDPOINT_ENV = "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";

  private final GuardServiceClient client;
  private final String path;

  private BedrockGuardrailsGuard(GuardServiceClient client, String path) {
    this.client = client;
    this.path = path;
  }

  /**
   * @throws IllegalArgumentException when a secret does not resolve or a certificate cannot be read
   */
  static BedrockGuardrailsGuard of(BedrockGuardrails config, GuardServices services) {
    BackendTls tls = null;
    AwsAuth aws = AwsAuth.getDefaultInstance();
    for (PolicySpec spec : config.getPoliciesList()) {
      if (spec.hasBackendTls()) {
        tls = spec.getBackendTls();
      } else if (spec.hasBackendAuth() && spec.getBackendAuth().hasAws()) {
        aws = spec.getBackendAuth().getAws();
      }
    }
    URI fallback = URI.create("https://bedrock-runtime." + config.getRegion() + ".amazonaws.com");
    String env = System.getenv(AWS_ENDPOINT_ENV);
    if (env != null && !env.isBlank()) {
      fallback = URI.create(env.trim());
    }
    URI base = services.endpoints().base(ENDPOINT_KEY, fallback);
    GuardServiceClient client =
        GuardServiceClient.of(
            KIND,
            base,
            tls,
            services.clients(),
            ProviderCredentials.aws(aws, config.getRegion(), services.secrets()));
    String path =
        "/guardrail/"
            + segment(config.getGuardrailIdentifier())
            + "/version/"
            + segment(config.getGuardrailVersion())
            + "/apply";
    return new BedrockGuardrailsGuard(client, path);
  }

  /** A path segment: everything but unreserved characters percent-encoded, as the AWS SDK does. */
  static String segment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Mono<Verdict> check(GuardPhase phase, List<GuardText> texts, GuardContext context) {
    String source = phase == GuardPhase.REQUEST ? "INPUT" : "OUTPUT";
    List<String> content = GuardText.texts(texts);
    return client
        .post(path, ApplyGuardrailRequest.of(source, content))
        .map(answer -> BedrockGuardrailOutcome.of(answer, content.size()));
  }

  @Override
  public boolean failOpen() {
    return false;
  }

  @Override
  public String toString() {
    return "BedrockGuardrailsGuard[" + client.url(path) + "]";
  }
}
