package io.agw.model.config.mapping;

import static io.agw.model.config.mapping.MappingContext.list;

import io.agw.model.config.yaml.AiNamedProviderYaml;
import io.agw.model.config.yaml.AiProviderYaml;
import io.agw.model.config.yaml.AnthropicProviderYaml;
import io.agw.model.config.yaml.AzureProviderYaml;
import io.agw.model.config.yaml.BedrockProviderYaml;
import io.agw.model.config.yaml.CopilotProviderYaml;
import io.agw.model.config.yaml.GeminiProviderYaml;
import io.agw.model.config.yaml.GroqProviderYaml;
import io.agw.model.config.yaml.LlmModelYaml;
import io.agw.model.config.yaml.LlmParamsYaml;
import io.agw.model.config.yaml.LlmRouteMatchYaml;
import io.agw.model.config.yaml.LlmYaml;
import io.agw.model.config.yaml.MatchYaml;
import io.agw.model.config.yaml.OpenAiProviderYaml;
import io.agw.model.config.yaml.PromptCachingYaml;
import io.agw.model.config.yaml.PromptGuardYaml;
import io.agw.model.config.yaml.VertexProviderYaml;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.AiConditionalModel;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.AiPromptCaching;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import io.agw.model.resource.v1.AiRequestMatch;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.Bind;
import io.agw.model.resource.v1.Listener;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import io.agw.model.resource.v1.RouteBackend;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the {@code llm} shorthand to the resources a full configuration would produce: {@code
 * bind/<port>}, {@code listener/<port>/llm}, {@code backend/llm} (an {@code ai} backend with one
 * provider per model, each serving its model name) and {@code route/<port>/llm/models}. Attached to
 * gateways ({@code llm.gateways}), only the backend and one {@code route/<port>/<listener>/models}
 * per listener.
 */
final class LlmMapper {

  private final MappingContext ctx;
  private final AiBackendMapper ai;
  private final PolicyMapper policies;

  LlmMapper(MappingContext ctx, AiBackendMapper ai, PolicyMapper policies) {
    this.ctx = ctx;
    this.ai = ai;
    this.policies = policies;
  }

  List<Resource> map(LlmYaml yaml, Set<Integer> usedPorts) {
    String path = "llm";
    boolean attached = yaml.gateways() != null;
    boolean ok = attached || ctx.require(path + ".port", yaml.port());
    if (!ok | !ctx.require(path + ".models", yaml.models())) {
      return List.of();
    }
    PromptGuard shared =
        yaml.policies() == null || yaml.policies().guardrails() == null
            ? null
            : new PromptGuardMapper(ctx)
                .promptGuard(path + ".policies.guardrails", yaml.policies().guardrails());
    AiProviderGroup.Builder group = AiProviderGroup.newBuilder();
    Map<String, String> pathByName = new HashMap<>();
    for (int i = 0; i < list(yaml.models()).size(); i++) {
      String modelPath = path + ".models[" + i + "]";
      LlmModelYaml model = yaml.models().get(i);
      if (model == null) {
        ctx.error(modelPath, "must not be empty");
        continue;
      }
      if (model.name() != null) {
        String earlier = pathByName.putIfAbsent(model.name(), modelPath);
        if (earlier != null) {
          ctx.error(
              modelPath + ".name",
              "duplicate model name '" + model.name() + "' (also " + earlier + ")");
          continue;
        }
      }
      provider(modelPath, model, shared).ifPresent(group::addProviders);
    }
    if (yaml.models().isEmpty()) {
      ctx.error(path + ".models", "must list at least one model");
    }
    List<AiConditionalModel> conditionals = new ArrayList<>();
    List<AiProviderGroup> groups =
        new LlmVirtualModelMapper(ctx)
            .map(path + ".virtualModels", yaml.virtualModels(), group, conditionals);
    String backendKey = "backend/llm";
    Backend backend =
        Backend.newBuilder()
            .setKey(backendKey)
            .setName("llm")
            .setAi(
                AiBackend.newBuilder().addAllGroups(groups).addAllConditionalModels(conditionals))
            .build();
    List<Resource> out = new ArrayList<>();
    out.add(Resource.newBuilder().setKey(backendKey).setBackend(backend).build());
    List<PolicySpec> routePolicies =
        new LlmGatewayPolicies(policies).map(path + ".policies", yaml.policies());
    if (attached) {
      for (String listenerKey : yaml.gateways()) {
        out.add(route(listenerKey, backendKey, routePolicies));
      }
      return out;
    }
    int port = yaml.port();
    if (port < 1 || port > 65535) {
      ctx.error(path + ".port", "a port is from 1 to 65535, not " + port);
    } else if (usedPorts.contains(port)) {
      ctx.error(path + ".port", "port " + port + " is also a bind of this file");
    }
    String bindKey = "bind/" + port;
    String listenerKey = "listener/" + port + "/llm";
    out.add(
        Resource.newBuilder()
            .setKey(bindKey)
            .setBind(Bind.newBuilder().setKey(bindKey).setPort(port))
            .build());
    out.add(
        Resource.newBuilder()
            .setKey(listenerKey)
            .setListener(
                Listener.newBuilder()
                    .setKey(listenerKey)
                    .setName("llm")
                    .setBindKey(bindKey)
                    .setProtocol(Listener.Protocol.HTTP))
            .build());
    out.add(route(listenerKey, backendKey, routePolicies));
    return out;
  }

  /**
   * The models' route on a listener: {@code route/<port>/<listener>/models}, every request, with
   * the gateway fields of {@code llm.policies}.
   */
  private static Resource route(
      String listenerKey, String backendKey, List<PolicySpec> routePolicies) {
    String routeKey = "route/" + listenerKey.substring("listener/".length()) + "/models";
    Route route =
        Route.newBuilder()
            .setKey(routeKey)
            .setName("models")
            .setListenerKey(listenerKey)
            .addBackends(RouteBackend.newBuilder().setBackendKey(backendKey).setWeight(1))
            .addAllPolicies(routePolicies)
            .build();
    return Resource.newBuilder().setKey(routeKey).setRoute(route).build();
  }

  private Optional<AiProvider> provider(String path, LlmModelYaml model, PromptGuard shared) {
    boolean ok = ctx.require(path + ".name", model.name());
    if (model.provider() == null) {
      // An unknown llm.providers reference was reported at provider.reference already.
      ctx.errorUnlessReported(path + ".provider", "required field is missing");
      ok = false;
    }
    if (!ok) {
      return Optional.empty();
    }
    LlmParamsYaml params =
        model.params() != null
            ? model.params()
            : new LlmParamsYaml(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    AiProviderYaml kind = kind(path, model.provider(), params);
    if (kind == null) {
      return Optional.empty();
    }
    String hostOverride = params.hostOverride();
    String pathPrefix = params.pathPrefix();
    boolean tls = false;
    if (params.baseUrl() != null) {
      Optional<URI> base = baseUrl(path + ".params.baseUrl", params.baseUrl());
      if (base.isEmpty()) {
        return Optional.empty();
      }
      URI uri = base.get();
      tls = uri.getScheme().equals("https");
      int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
      hostOverride = uri.getHost() + ":" + port;
      String basePath = uri.getRawPath();
      if (basePath != null && !basePath.isEmpty() && !basePath.equals("/")) {
        pathPrefix =
            basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
      }
    }
    Optional<AiProvider> provider =
        ai.provider(
            path,
            new AiNamedProviderYaml(
                model.name(),
                kind,
                hostOverride,
                params.pathOverride(),
                pathPrefix,
                null,
                params.tokenize()));
    if (provider.isEmpty()) {
      return provider;
    }
    AiProvider.Builder b = provider.get().toBuilder().addModelNames(model.name());
    if (tls) {
      b.addPolicies(PolicySpec.newBuilder().setBackendTls(BackendTls.getDefaultInstance()));
    }
    if (params.apiKey() != null) {
      policies
          .secrets()
          .secret(path + ".params.apiKey", params.apiKey())
          .ifPresent(
              s ->
                  b.addPolicies(
                      PolicySpec.newBuilder()
                          .setBackendAuth(
                              io.agw.model.resource.v1.BackendAuth.newBuilder().setKey(s))));
    }
    PromptGuard guard = guardrails(path + ".guardrails", shared, model.guardrails());
    if (model.defaults() != null || model.overrides() != null || guard != null) {
      AiPolicy.Builder policy = AiPolicy.newBuilder();
      if (guard != null) {
        policy.setPromptGuard(guard);
      }
      if (model.defaults() != null) {
        policy.setDefaults(policies.ai().struct(path + ".defaults", model.defaults()));
      }
      if (model.overrides() != null) {
        policy.setOverrides(policies.ai().struct(path + ".overrides", model.overrides()));
      }
      b.addPolicies(PolicySpec.newBuilder().setAi(policy));
    }
    if (model.health() != null) {
      ai.health(path + ".health", model.health()).ifPresent(b::setHealth);
    }
    if (model.visibility() != null) {
      switch (model.visibility()) {
        case "public" -> b.setInternal(false);
        case "internal" -> b.setInternal(true);
        default ->
            ctx.error(
                path + ".visibility",
                "unknown visibility '" + model.visibility() + "'; use public or internal");
      }
    }
    if (model.transformation() != null) {
      model
          .transformation()
          .forEach(
              (field, expression) -> {
                String p = path + ".transformation." + field;
                if (field.isBlank()) {
                  ctx.error(path + ".transformation", "a field name must not be empty");
                } else if (ctx.require(p, expression)) {
                  ctx.checkCel(p, expression);
                  b.putTransformation(field, expression);
                }
              });
    }
    if (!list(model.matches()).isEmpty()) {
      // Checked like a route's header matches, with the same messages and paths.
      List<MatchYaml> asRoute = new ArrayList<>();
      for (LlmRouteMatchYaml m : model.matches()) {
        asRoute.add(m == null ? null : new MatchYaml(null, null, m.headers(), null));
      }
      for (var mapped : new MatchMapper(ctx).matches(path + ".matches", asRoute)) {
        b.addMatches(AiRequestMatch.newBuilder().addAllHeaders(mapped.getHeadersList()));
      }
    }
    if (model.promptCaching() != null) {
      b.setPromptCaching(promptCaching(path + ".promptCaching", model.promptCaching()));
    }
    return Optional.of(b.build());
  }

  /** agentgateway's prompt caching settings, with its defaults for what is not set. */
  private AiPromptCaching promptCaching(String path, PromptCachingYaml yaml) {
    int minTokens = yaml.minTokens() == null ? 1024 : yaml.minTokens();
    int offset = yaml.cacheMessageOffset() == null ? 0 : yaml.cacheMessageOffset();
    if (minTokens < 0) {
      ctx.error(path + ".minTokens", "must be 0 or more");
    }
    if (offset < 0) {
      ctx.error(path + ".cacheMessageOffset", "must be 0 or more");
    }
    return AiPromptCaching.newBuilder()
        .setCacheSystem(yaml.cacheSystem() == null || yaml.cacheSystem())
        .setCacheMessages(yaml.cacheMessages() == null || yaml.cacheMessages())
        .setCacheTools(yaml.cacheTools() != null && yaml.cacheTools())
        .setMinTokens(Math.max(0, minTokens))
        .setCacheMessageOffset(Math.max(0, offset))
        .build();
  }

  /**
   * A model's guards as agentgateway combines them: the shared ones first, then the model's own;
   * streams are guarded when either says so. Null when there are none.
   */
  private PromptGuard guardrails(String path, PromptGuard shared, PromptGuardYaml own) {
    if (own == null) {
      return shared;
    }
    PromptGuard mapped = new PromptGuardMapper(ctx).promptGuard(path, own);
    if (shared == null) {
      return mapped;
    }
    return shared.toBuilder()
        .addAllRequest(mapped.getRequestList())
        .addAllResponse(mapped.getResponseList())
        .setStreaming(shared.getStreaming() || mapped.getStreaming())
        .build();
  }

  private AiProviderYaml kind(String path, String provider, LlmParamsYaml params) {
    return switch (provider) {
      case "openai", "openAI" ->
          new AiProviderYaml(new OpenAiProviderYaml(params.model(), null), null, null);
      case "anthropic" -> new AiProviderYaml(null, new AnthropicProviderYaml(params.model()), null);
      case "azure" ->
          new AiProviderYaml(
              null,
              null,
              new AzureProviderYaml(
                  params.model(),
                  params.azureResourceName(),
                  params.azureResourceType(),
                  params.azureApiVersion(),
                  params.azureProjectName()));
      case "gemini" ->
          new AiProviderYaml(
              null, null, null, new GeminiProviderYaml(params.model()), null, null, null, null);
      case "vertex" ->
          new AiProviderYaml(
              null,
              null,
              null,
              null,
              new VertexProviderYaml(params.model(), params.vertexRegion(), params.vertexProject()),
              null,
              null,
              null);
      case "bedrock" -> {
        if (params.awsRegion() == null) {
          ctx.error(path + ".params.awsRegion", "required for provider bedrock");
          yield null;
        }
        yield new AiProviderYaml(
            null,
            null,
            null,
            null,
            null,
            null,
            new BedrockProviderYaml(params.model(), params.awsRegion(), null, null),
            null);
      }
      case "copilot" ->
          new AiProviderYaml(
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              new CopilotProviderYaml(params.model(), null));
      case "groq" ->
          new AiProviderYaml(
              null, null, null, null, null, null, null, null, new GroqProviderYaml(params.model()));
      default -> {
        ctx.error(
            path + ".provider",
            "unknown provider '"
                + provider
                + "'; use openai, anthropic, azure, gemini, vertex, bedrock, copilot or groq");
        yield null;
      }
    };
  }

  private Optional<URI> baseUrl(String path, String text) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        ctx.error(
            path,
            "a base URL is http:// or https:// with a host, such as https://api.example.com/v1");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      ctx.error(path, "invalid URL: " + e.getReason());
      return Optional.empty();
    }
  }
}
