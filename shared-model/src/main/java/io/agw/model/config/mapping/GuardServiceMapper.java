package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AnalyzeTextYaml;
import io.agw.model.config.yaml.AzureContentSafetyYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BackendTlsYaml;
import io.agw.model.config.yaml.ModerationYaml;
import io.agw.model.resource.v1.AzureAnalyzeText;
import io.agw.model.resource.v1.AzureContentSafetyGuard;
import io.agw.model.resource.v1.AzureDetectJailbreak;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.OpenAiModerationGuard;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Maps the guards that call a moderation service ({@code openAIModeration}, {@code
 * azureContentSafety}), filling in agentgateway's defaults. Of a guard's {@code policies} only
 * {@code backendAuth} (a key, or for {@code azureContentSafety} Entra ID credentials) and {@code
 * backendTLS} are supported; the others are refused with their path.
 */
final class GuardServiceMapper {

  static final String DEFAULT_MODERATION_MODEL = "omni-moderation-latest";
  static final int DEFAULT_SEVERITY_THRESHOLD = 2;
  static final String DEFAULT_ANALYZE_TEXT_VERSION = "2024-09-01";
  static final String DEFAULT_JAILBREAK_VERSION = "2024-02-15-preview";

  private static final String BACKEND_AUTH = "backendAuth";
  private static final String BACKEND_TLS = "backendTLS";

  private final MappingContext ctx;

  GuardServiceMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  OpenAiModerationGuard moderation(String path, ModerationYaml yaml) {
    OpenAiModerationGuard.Builder b = OpenAiModerationGuard.newBuilder();
    if (yaml.model() != null && yaml.model().isBlank()) {
      ctx.error(path + ".model", "must not be empty");
    }
    b.setModel(
        yaml.model() == null || yaml.model().isBlank() ? DEFAULT_MODERATION_MODEL : yaml.model());
    policies(path + ".policies", yaml.policies(), false, b::setAuth, b::setTls);
    return b.build();
  }

  AzureContentSafetyGuard azureContentSafety(
      String path, AzureContentSafetyYaml yaml, boolean request) {
    AzureContentSafetyGuard.Builder b = AzureContentSafetyGuard.newBuilder();
    if (ctx.require(path + ".endpoint", yaml.endpoint())) {
      endpoint(path + ".endpoint", yaml.endpoint());
      b.setEndpoint(yaml.endpoint());
    }
    policies(path + ".policies", yaml.policies(), true, b::setAuth, b::setTls);
    if (yaml.analyzeText() != null) {
      b.setAnalyzeText(analyzeText(path + ".analyzeText", yaml.analyzeText()));
    }
    if (yaml.detectJailbreak() != null) {
      if (!request) {
        ctx.error(
            path + ".detectJailbreak", "jailbreak detection reads prompts: request guards only");
      }
      String version = yaml.detectJailbreak().apiVersion();
      b.setDetectJailbreak(
          AzureDetectJailbreak.newBuilder()
              .setApiVersion(
                  version(
                      path + ".detectJailbreak.apiVersion", version, DEFAULT_JAILBREAK_VERSION)));
    }
    if (yaml.analyzeText() == null && yaml.detectJailbreak() == null) {
      ctx.error(
          path, "set analyzeText, detectJailbreak or both: otherwise the guard checks nothing");
    }
    return b.build();
  }

  private AzureAnalyzeText analyzeText(String path, AnalyzeTextYaml yaml) {
    AzureAnalyzeText.Builder b =
        AzureAnalyzeText.newBuilder()
            .setSeverityThreshold(DEFAULT_SEVERITY_THRESHOLD)
            .setApiVersion(
                version(path + ".apiVersion", yaml.apiVersion(), DEFAULT_ANALYZE_TEXT_VERSION));
    if (yaml.severityThreshold() != null) {
      if (yaml.severityThreshold() < 0 || yaml.severityThreshold() > 7) {
        ctx.error(path + ".severityThreshold", "a severity is between 0 and 7");
      }
      b.setSeverityThreshold(yaml.severityThreshold());
    }
    for (int i = 0; i < MappingContext.list(yaml.blocklistNames()).size(); i++) {
      String name = yaml.blocklistNames().get(i);
      if (name == null || name.isBlank()) {
        ctx.error(path + ".blocklistNames[" + i + "]", "must not be empty");
      } else {
        b.addBlocklistNames(name);
      }
    }
    if (yaml.haltOnBlocklistHit() != null) {
      b.setHaltOnBlocklistHit(yaml.haltOnBlocklistHit());
    }
    return b.build();
  }

  private String version(String path, String value, String fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      ctx.error(path, "must not be empty");
    }
    return value;
  }

  /** A host, or a base URL with an http or https scheme and no path beyond {@code /}. */
  private void endpoint(String path, String endpoint) {
    if (endpoint.isBlank()) {
      ctx.error(path, "must not be empty");
      return;
    }
    String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
    try {
      URI uri = URI.create(url);
      boolean scheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (!scheme
          || uri.getHost() == null
          || !(rest.isEmpty() || rest.equals("/"))
          || uri.getRawQuery() != null) {
        ctx.error(
            path,
            "an endpoint is a host such as <resource>.cognitiveservices.azure.com, or a base URL"
                + " such as https://host:port");
      }
    } catch (IllegalArgumentException e) {
      ctx.error(path, "an endpoint is a host, or a base URL such as https://host:port");
    }
  }

  /**
   * @param entra whether the service takes Entra ID tokens ({@code backendAuth.azure})
   */
  private void policies(
      String path,
      BackendPoliciesYaml yaml,
      boolean entra,
      Consumer<BackendAuth> auth,
      Consumer<BackendTls> tls) {
    if (yaml == null) {
      return;
    }
    for (var policy : yaml.values().entrySet()) {
      String at = path + "." + policy.getKey();
      switch (policy.getKey()) {
        case BACKEND_AUTH -> {
          BackendAuthYaml written = (BackendAuthYaml) policy.getValue();
          if (written.gcp() != null || written.aws() != null) {
            ctx.error(at, "a guard's service takes a key: set backendAuth.key");
          } else {
            new SecretMapper(ctx).backendAuth(at, written, entra).ifPresent(auth);
          }
        }
        case BACKEND_TLS ->
            tls.accept(new TlsMapper(ctx).backendTls(at, (BackendTlsYaml) policy.getValue()));
        default ->
            ctx.error(
                at,
                "not supported on a guard's policies yet; a guard takes backendAuth and backendTLS");
      }
    }
  }
}
