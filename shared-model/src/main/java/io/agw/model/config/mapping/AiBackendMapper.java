package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AiBackendYaml;
import io.agw.model.config.yaml.AiNamedProviderYaml;
import io.agw.model.config.yaml.AiProviderYaml;
import io.agw.model.config.yaml.AzureProviderYaml;
import io.agw.model.config.yaml.EvictionYaml;
import io.agw.model.config.yaml.HealthYaml;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.AiHealth;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import io.agw.model.resource.v1.AnthropicProvider;
import io.agw.model.resource.v1.AzureOpenAiProvider;
import io.agw.model.resource.v1.OpenAiProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps {@code ai} backends: one inline provider, or priority groups of named providers. Each
 * provider keeps its own backend policies ({@code backendTLS}, {@code backendAuth}, header
 * changes).
 */
final class AiBackendMapper {

  private static final Map<String, AzureOpenAiProvider.ResourceType> AZURE_TYPES =
      Map.of(
          "openAI", AzureOpenAiProvider.ResourceType.OPEN_AI,
          "foundry", AzureOpenAiProvider.ResourceType.FOUNDRY,
          "aiServices", AzureOpenAiProvider.ResourceType.AI_SERVICES);

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
    b.addAllPolicies(policies.aiProvider(path + ".policies", yaml.policies()));
    if (yaml.policies() != null && yaml.policies().health() != null) {
      health(path + ".policies.health", yaml.policies().health()).ifPresent(b::setHealth);
    }
    return Optional.of(b.build());
  }

  /** A provider's ejection settings; shared with the {@code llm} shorthand's models. */
  Optional<AiHealth> health(String path, HealthYaml yaml) {
    AiHealth.Builder h = AiHealth.newBuilder();
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
            + (yaml.azure() != null ? 1 : 0);
    if (kinds != 1) {
      if (kinds > 1) {
        ctx.error(path, "set only one of openAI, anthropic, azure");
      } else {
        ctx.errorUnlessReported(path, "set one of openAI, anthropic, azure");
      }
      return false;
    }
    if (yaml.openAi() != null) {
      OpenAiProvider.Builder p = OpenAiProvider.newBuilder();
      Optional.ofNullable(yaml.openAi().model()).ifPresent(p::setModel);
      b.setOpenAi(p);
    } else if (yaml.anthropic() != null) {
      AnthropicProvider.Builder p = AnthropicProvider.newBuilder();
      Optional.ofNullable(yaml.anthropic().model()).ifPresent(p::setModel);
      b.setAnthropic(p);
    } else {
      Optional<AzureOpenAiProvider> azure = azure(path + ".azure", yaml.azure());
      azure.ifPresent(b::setAzure);
      return azure.isPresent();
    }
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
