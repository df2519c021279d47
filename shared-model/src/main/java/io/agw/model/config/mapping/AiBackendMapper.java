package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AiBackendYaml;
import io.agw.model.config.yaml.AiNamedProviderYaml;
import io.agw.model.config.yaml.AiProviderYaml;
import io.agw.model.config.yaml.AuthLocationYaml;
import io.agw.model.config.yaml.AzureProviderYaml;
import io.agw.model.config.yaml.BackendAuthYaml;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.BedrockProviderYaml;
import io.agw.model.config.yaml.CustomProviderYaml;
import io.agw.model.config.yaml.EvictionYaml;
import io.agw.model.config.yaml.HealthYaml;
import io.agw.model.config.yaml.PolicyBlock;
import io.agw.model.config.yaml.PolicyField;
import io.agw.model.config.yaml.VertexProviderYaml;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.AiHealth;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import io.agw.model.resource.v1.AiRouteType;
import io.agw.model.resource.v1.AnthropicProvider;
import io.agw.model.resource.v1.AzureOpenAiProvider;
import io.agw.model.resource.v1.BedrockProvider;
import io.agw.model.resource.v1.CopilotProvider;
import io.agw.model.resource.v1.CustomFormat;
import io.agw.model.resource.v1.CustomProvider;
import io.agw.model.resource.v1.GeminiProvider;
import io.agw.model.resource.v1.GroqProvider;
import io.agw.model.resource.v1.OpenAiProvider;
import io.agw.model.resource.v1.VertexProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps {@code ai} backends: one inline provider, or priority groups of named providers. Each
 * provider keeps its own backend policies ({@code backendTLS}, {@code backendAuth}, header
 * changes).
 */
final class AiBackendMapper {

  /**
   * {@code health} in a backend's policies: not a policy kind (it emits no spec) but a setting of
   * the {@code ai} provider it is written for, which agentgateway places among the backend
   * policies.
   */
  static final PolicyField HEALTH =
      new PolicyField("health", HealthYaml.class, Set.of(PolicyBlock.BACKEND));

  private static final Map<String, AzureOpenAiProvider.ResourceType> AZURE_TYPES =
      Map.of(
          "openAI", AzureOpenAiProvider.ResourceType.OPEN_AI,
          "foundry", AzureOpenAiProvider.ResourceType.FOUNDRY,
          "aiServices", AzureOpenAiProvider.ResourceType.AI_SERVICES);

  /** The backend policy a custom provider's key location is taken from. */
  private static final String BACKEND_AUTH = "backendAuth";

  private static final String KINDS =
      "openAI, anthropic, azure, gemini, vertex, custom, bedrock, copilot";

  private static final Map<String, AiRouteType> CUSTOM_FORMATS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "completions", AiRouteType.AI_ROUTE_COMPLETIONS,
              "messages", AiRouteType.AI_ROUTE_MESSAGES,
              "responses", AiRouteType.AI_ROUTE_RESPONSES,
              "embeddings", AiRouteType.AI_ROUTE_EMBEDDINGS,
              "anthropicTokenCount", AiRouteType.AI_ROUTE_ANTHROPIC_TOKEN_COUNT));

  private static final java.util.Set<String> UNSUPPORTED_FORMATS =
      java.util.Set.of("generateContent", "geminiCountTokens", "realtime", "rerank");

  private final MappingContext ctx;
  private final PolicyMapper policies;

  AiBackendMapper(MappingContext ctx, PolicyMapper policies) {
    this.ctx = ctx;
    this.policies = policies;
  }

  Optional<AiBackend> backend(String path, AiBackendYaml yaml) {
    boolean single = yaml.provider() != null || yaml.name() != null;
    if (single && yaml.groups() != null) {
      ctx.error(path, "set either one provider (name, provider) or groups, not both");
      return Optional.empty();
    }
    AiBackend.Builder b = AiBackend.newBuilder();
    if (yaml.groups() == null) {
      provider(path, yaml.single())
          .ifPresent(p -> b.addGroups(AiProviderGroup.newBuilder().addProviders(p)));
      return ctx.hasErrorsAt(path) ? Optional.empty() : Optional.of(b.build());
    }
    if (yaml.groups().isEmpty()) {
      ctx.error(path + ".groups", "must list at least one group of providers");
    }
    Map<String, String> pathByName = new HashMap<>();
    for (int g = 0; g < yaml.groups().size(); g++) {
      String groupPath = path + ".groups[" + g + "]";
      var group = yaml.groups().get(g);
      if (group == null || list(group.providers()).isEmpty()) {
        ctx.error(groupPath + ".providers", "must list at least one provider");
        continue;
      }
      AiProviderGroup.Builder gb = AiProviderGroup.newBuilder();
      for (int i = 0; i < group.providers().size(); i++) {
        String providerPath = groupPath + ".providers[" + i + "]";
        AiNamedProviderYaml p = group.providers().get(i);
        if (p == null) {
          ctx.error(providerPath, "must not be empty");
          continue;
        }
        if (p.name() != null) {
          String earlier = pathByName.putIfAbsent(p.name(), providerPath);
          if (earlier != null) {
            ctx.error(
                providerPath + ".name",
                "duplicate provider name '" + p.name() + "' (also " + earlier + ")");
          }
        }
        provider(providerPath, p).ifPresent(gb::addProviders);
      }
      b.addGroups(gb);
    }
    return ctx.hasErrorsAt(path) ? Optional.empty() : Optional.of(b.build());
  }

  /** One provider; also used by the {@code llm} shorthand. */
  Optional<AiProvider> provider(String path, AiNamedProviderYaml yaml) {
    boolean ok = ctx.require(path + ".name", yaml.name());
    ok &= ctx.require(path + ".provider", yaml.provider());
    if (!ok) {
      return Optional.empty();
    }
    AiProvider.Builder b = AiProvider.newBuilder().setName(yaml.name());
    if (!kind(path + ".provider", yaml.provider(), b)) {
      return Optional.empty();
    }
    if (yaml.hostOverride() != null) {
      try {
        HostPort.parse(yaml.hostOverride());
        b.setHostOverride(yaml.hostOverride());
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".hostOverride", e.getMessage());
      }
    }
    if (yaml.pathOverride() != null) {
      checkPath(path + ".pathOverride", yaml.pathOverride());
      b.setPathOverride(yaml.pathOverride());
    }
    if (yaml.pathPrefix() != null) {
      checkPath(path + ".pathPrefix", yaml.pathPrefix());
      b.setPathPrefix(yaml.pathPrefix());
    }
    if (Boolean.TRUE.equals(yaml.tokenize())) {
      b.setTokenize(true);
    }
    b.addAllPolicies(policies.aiProvider(path + ".policies", customAuth(path, yaml.policies(), b)));
    HealthYaml health =
        yaml.policies() == null ? null : yaml.policies().get(HEALTH.name(), HealthYaml.class);
    if (health != null) {
      health(path + ".policies.health", health).ifPresent(b::setHealth);
    }
    return Optional.of(b.build());
  }

  /** A provider's ejection settings; shared with the {@code llm} shorthand's models. */
  Optional<AiHealth> health(String path, HealthYaml yaml) {
    AiHealth.Builder h = AiHealth.newBuilder();
    String expression = yaml.unhealthyExpression();
    // A blank expression is no expression, as agentgateway reads it.
    if (expression != null && !expression.isBlank()) {
      ctx.checkCel(path + ".unhealthyExpression", expression);
      h.setUnhealthyExpression(expression);
    }
    EvictionYaml eviction = yaml.eviction();
    if (eviction != null) {
      ctx.duration(path + ".eviction.duration", eviction.duration())
          .ifPresent(h::setEvictionDuration);
      Integer failures = eviction.consecutiveFailures();
      if (failures != null) {
        if (failures < 1) {
          ctx.error(path + ".eviction.consecutiveFailures", "must be at least 1");
        } else {
          h.setConsecutiveFailures(failures);
        }
      }
    }
    return ctx.hasErrorsAt(path) ? Optional.empty() : Optional.of(h.build());
  }

  private boolean kind(String path, AiProviderYaml yaml, AiProvider.Builder b) {
    int kinds =
        (yaml.openAi() != null ? 1 : 0)
            + (yaml.anthropic() != null ? 1 : 0)
            + (yaml.azure() != null ? 1 : 0)
            + (yaml.gemini() != null ? 1 : 0)
            + (yaml.vertex() != null ? 1 : 0)
            + (yaml.custom() != null ? 1 : 0)
            + (yaml.bedrock() != null ? 1 : 0)
            + (yaml.copilot() != null ? 1 : 0)
            + (yaml.groq() != null ? 1 : 0);
    if (kinds != 1) {
      if (kinds > 1) {
        ctx.error(path, "set only one of " + KINDS);
      } else {
        ctx.errorUnlessReported(path, "set one of " + KINDS);
      }
      return false;
    }
    if (yaml.bedrock() != null) {
      return bedrock(path + ".bedrock", yaml.bedrock(), b);
    }
    if (yaml.copilot() != null) {
      CopilotProvider.Builder p = CopilotProvider.newBuilder();
      Optional.ofNullable(yaml.copilot().model()).ifPresent(p::setModel);
      if (yaml.copilot().tokenUrl() != null) {
        String url = yaml.copilot().tokenUrl();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          ctx.error(path + ".copilot.tokenUrl", "an http:// or https:// URL");
          return false;
        }
        p.setTokenUrl(url);
      }
      b.setCopilot(p);
      return true;
    }
    if (yaml.groq() != null) {
      GroqProvider.Builder p = GroqProvider.newBuilder();
      Optional.ofNullable(yaml.groq().model()).ifPresent(p::setModel);
      b.setGroq(p);
      return true;
    }
    if (yaml.openAi() != null) {
      OpenAiProvider.Builder p = OpenAiProvider.newBuilder();
      Optional.ofNullable(yaml.openAi().model()).ifPresent(p::setModel);
      if (yaml.openAi().moderation() != null) {
        p.setModeration(
            new InlineModerationMapper(ctx)
                .moderation(path + ".openAI.moderation", yaml.openAi().moderation()));
      }
      b.setOpenAi(p);
    } else if (yaml.anthropic() != null) {
      AnthropicProvider.Builder p = AnthropicProvider.newBuilder();
      Optional.ofNullable(yaml.anthropic().model()).ifPresent(p::setModel);
      b.setAnthropic(p);
    } else if (yaml.gemini() != null) {
      GeminiProvider.Builder p = GeminiProvider.newBuilder();
      Optional.ofNullable(yaml.gemini().model()).ifPresent(p::setModel);
      b.setGemini(p);
    } else if (yaml.vertex() != null) {
      return vertex(path + ".vertex", yaml.vertex()).map(b::setVertex).isPresent();
    } else if (yaml.custom() != null) {
      return custom(path + ".custom", yaml.custom()).map(b::setCustom).isPresent();
    } else {
      Optional<AzureOpenAiProvider> azure = azure(path + ".azure", yaml.azure());
      azure.ifPresent(b::setAzure);
      return azure.isPresent();
    }
    return true;
  }

  /** Vertex AI addressing; shared with the {@code llm} shorthand's {@code vertex*} parameters. */
  Optional<VertexProvider> vertex(String path, VertexProviderYaml yaml) {
    if (!ctx.require(path + ".projectId", yaml.projectId())) {
      return Optional.empty();
    }
    VertexProvider.Builder v = VertexProvider.newBuilder().setProjectId(yaml.projectId());
    Optional.ofNullable(yaml.model()).ifPresent(v::setModel);
    Optional.ofNullable(yaml.region()).ifPresent(v::setRegion);
    return Optional.of(v.build());
  }

  private Optional<CustomProvider> custom(String path, CustomProviderYaml yaml) {
    CustomProvider.Builder c = CustomProvider.newBuilder();
    Optional.ofNullable(yaml.model()).ifPresent(c::setModel);
    Optional.ofNullable(yaml.providerOverride()).ifPresent(c::setProviderOverride);
    if (!ctx.require(path + ".formats", yaml.formats())) {
      return Optional.empty();
    }
    boolean ok = true;
    for (int i = 0; i < yaml.formats().size(); i++) {
      String fp = path + ".formats[" + i + "]";
      CustomProviderYaml.CustomFormatYaml f = yaml.formats().get(i);
      AiRouteType type = f == null ? null : CUSTOM_FORMATS.get(f.type());
      if (type == null) {
        ctx.error(
            fp + ".type",
            f != null && UNSUPPORTED_FORMATS.contains(f.type())
                ? "'" + f.type() + "' is not supported yet"
                : "a format is one of " + String.join(", ", CUSTOM_FORMATS.keySet()));
        ok = false;
        continue;
      }
      CustomFormat.Builder fb = CustomFormat.newBuilder().setType(type);
      if (f.path() != null) {
        checkPath(fp + ".path", f.path());
        fb.setPath(f.path());
      }
      c.addFormats(fb);
    }
    return ok ? Optional.of(c.build()) : Optional.empty();
  }

  /**
   * Moves {@code backendAuth.key.location.header} of a custom provider into the provider (the
   * header name and prefix the key is sent with) and returns the policies without it; other
   * providers take their key where their API expects it, so a location there is refused.
   */
  private BackendPoliciesYaml customAuth(
      String path, BackendPoliciesYaml policies, AiProvider.Builder b) {
    BackendAuthYaml written =
        policies == null ? null : policies.get(BACKEND_AUTH, BackendAuthYaml.class);
    if (written == null || written.key() == null || written.key().location() == null) {
      return policies;
    }
    AuthLocationYaml location = written.key().location();
    String locationPath = path + ".policies.backendAuth.key.location";
    if (!b.hasCustom()) {
      ctx.error(
          locationPath,
          "supported for custom ai providers (provider.custom) only; other providers take the key"
              + " where their API expects it");
      return policies.with(BACKEND_AUTH, written.withKey(written.key().withoutLocation()));
    }
    if (location.header() == null || location.header().name() == null) {
      ctx.error(locationPath, "a custom provider takes its key in a header: set header.name");
    } else {
      CustomProvider.Builder custom = b.getCustomBuilder().setAuthHeader(location.header().name());
      Optional.ofNullable(location.header().prefix()).ifPresent(custom::setAuthPrefix);
    }
    return policies.with(BACKEND_AUTH, written.withKey(written.key().withoutLocation()));
  }

  private boolean bedrock(String path, BedrockProviderYaml yaml, AiProvider.Builder b) {
    if (!ctx.require(path + ".region", yaml.region())) {
      return false;
    }
    if (!yaml.region().matches("[a-z0-9-]+")) {
      ctx.error(path + ".region", "an AWS region such as us-east-1");
      return false;
    }
    BedrockProvider.Builder p = BedrockProvider.newBuilder().setRegion(yaml.region());
    Optional.ofNullable(yaml.model()).ifPresent(p::setModel);
    if ((yaml.guardrailIdentifier() == null) != (yaml.guardrailVersion() == null)) {
      ctx.error(path, "set both guardrailIdentifier and guardrailVersion, or neither");
      return false;
    }
    if (yaml.guardrailIdentifier() != null) {
      if (yaml.guardrailIdentifier().isBlank() || yaml.guardrailVersion().isBlank()) {
        ctx.error(path, "guardrailIdentifier and guardrailVersion must not be empty");
        return false;
      }
      p.setGuardrailIdentifier(yaml.guardrailIdentifier())
          .setGuardrailVersion(yaml.guardrailVersion());
    }
    b.setBedrock(p);
    return true;
  }

  /** Azure addressing; shared with the {@code llm} shorthand's {@code azure*} parameters. */
  Optional<AzureOpenAiProvider> azure(String path, AzureProviderYaml yaml) {
    boolean ok = ctx.require(path + ".resourceName", yaml.resourceName());
    ok &= ctx.require(path + ".resourceType", yaml.resourceType());
    if (!ok) {
      return Optional.empty();
    }
    AzureOpenAiProvider.ResourceType type = AZURE_TYPES.get(yaml.resourceType());
    if (type == null) {
      ctx.error(path + ".resourceType", "a resource type is one of openAI, foundry, aiServices");
      return Optional.empty();
    }
    if (type == AzureOpenAiProvider.ResourceType.FOUNDRY && yaml.projectName() == null) {
      ctx.error(path + ".projectName", "required with resourceType foundry");
      return Optional.empty();
    }
    AzureOpenAiProvider.Builder a =
        AzureOpenAiProvider.newBuilder().setResourceName(yaml.resourceName()).setResourceType(type);
    Optional.ofNullable(yaml.model()).ifPresent(a::setModel);
    Optional.ofNullable(yaml.apiVersion()).ifPresent(a::setApiVersion);
    Optional.ofNullable(yaml.projectName()).ifPresent(a::setProjectName);
    return Optional.of(a.build());
  }

  private void checkPath(String path, String value) {
    if (!value.startsWith("/")) {
      ctx.error(path, "a path starts with '/'");
    }
  }
}
