package io.agw.gateway.llm.backend;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.http.HeaderModifiers;
import io.agw.gateway.llm.balance.EjectionPolicy;
import io.agw.gateway.llm.balance.Endpoints;
import io.agw.gateway.llm.credentials.GcpCredentialsFactory;
import io.agw.gateway.llm.credentials.ProviderCredentials;
import io.agw.gateway.llm.guard.GuardServices;
import io.agw.gateway.llm.guard.PromptGuards;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.gateway.route.ValueCondition;
import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiProviderGroup;
import io.agw.model.resource.v1.AwsAuth;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;

/**
 * Compiles {@code ai} backend resources when a state is built: resolves each provider's address
 * (its own host, or {@code hostOverride} over plain HTTP unless it has {@code backendTLS}), client,
 * header changes and API key. Any problem (an unset environment variable, an unreadable key file)
 * refuses the state. Thread-safe.
 */
public final class LlmBackendFactory {

  private final BackendClients clients;
  private final SecretResolver secrets;
  private final Endpoints endpoints;
  private final GuardServices guardServices;
  private final CelEnvironment cel;

  public LlmBackendFactory(
      BackendClients clients,
      SecretResolver secrets,
      Endpoints endpoints,
      GuardServices guardServices,
      CelEnvironment cel) {
    this.clients = clients;
    this.secrets = secrets;
    this.endpoints = endpoints;
    this.guardServices = guardServices;
    this.cel = cel;
  }

  /**
   * The route backend for an {@code ai} resource.
   *
   * @param inherited policies of the route and of the backend resource and route backend that apply
   *     to every provider (backendTLS, backendAuth, header changes), in order
   * @throws IllegalArgumentException on any configuration problem
   */
  public Backend backend(String key, String name, AiBackend ai, List<PolicySpec> inherited) {
    endpoints.prune();
    List<List<LlmProvider>> groups = new ArrayList<>();
    // Providers with the same guards share one compiled instance, so a request can tell whether
    // all its candidates are guarded alike.
    Map<PromptGuard, PromptGuards> guards = new HashMap<>();
    for (AiProviderGroup g : ai.getGroupsList()) {
      List<LlmProvider> providers = new ArrayList<>();
      for (AiProvider p : g.getProvidersList()) {
        providers.add(provider(key, p, inherited, guards));
      }
      if (!providers.isEmpty()) {
        groups.add(List.copyOf(providers));
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("backend " + key + ": an ai backend needs a provider");
    }
    Map<String, ConditionalModel> conditionals = new HashMap<>();
    for (var c : ai.getConditionalModelsList()) {
      try {
        conditionals.put(c.getName(), ConditionalModel.of(c, cel));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "backend " + key + " conditional model " + c.getName() + ": " + e.getMessage());
      }
    }
    LlmBackend llm = new LlmBackend(List.copyOf(groups), Map.copyOf(conditionals));
    Backend first = groups.get(0).get(0).upstream();
    return new Backend(key, name, first.base(), first.client(), List.of(), llm);
  }

  private LlmProvider provider(
      String backendKey,
      AiProvider p,
      List<PolicySpec> inherited,
      Map<PromptGuard, PromptGuards> compiledGuards) {
    ProviderKind kind = ProviderKind.of(p);
    BackendTls tls = null;
    String apiKey = null;
    UpstreamCredentials gcp = null;
    AwsAuth aws = null;
    BackendAuth auth = null;
    List<AiPolicy> ai = new ArrayList<>();
    List<Consumer<HttpHeaders>> headers = new ArrayList<>();
    List<PolicySpec> all = new ArrayList<>(inherited);
    all.addAll(p.getPoliciesList());
    for (PolicySpec spec : all) {
      switch (spec.getKindCase()) {
        case BACKEND_TLS -> tls = spec.getBackendTls();
        case BACKEND_AUTH -> auth = spec.getBackendAuth();
        case REQUEST_HEADER_MODIFIER ->
            headers.add(h -> HeaderModifiers.apply(spec.getRequestHeaderModifier(), h));
        case AI -> ai.add(spec.getAi());
        default -> {}
      }
    }
    // The last one written applies: the provider's own over the backend's and the route's.
    if (auth != null) {
      try {
        switch (auth.getKindCase()) {
          case AWS -> aws = auth.getAws();
          case GCP -> gcp = GcpCredentialsFactory.of(kind, auth.getGcp(), secrets);
          case KEY -> apiKey = secrets.resolve(auth.getKey());
          default ->
              throw new IllegalArgumentException(
                  "backendAuth "
                      + kindName(auth)
                      + " is not supported on ai providers yet; use key, gcp or aws");
        }
        if (auth.getCredentialsCount() > 0) {
          throw new IllegalArgumentException(
              "backendAuth credentials are not supported on ai providers yet");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "backend " + backendKey + " provider " + p.getName() + ": " + e.getMessage());
      }
    }
    AiPolicy merged;
    try {
      merged = BackendAiPolicies.merge(ai);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backend " + backendKey + " provider " + p.getName() + ": " + e.getMessage());
    }
    AiAdjustments adjustments = merged == null ? AiAdjustments.NONE : AiAdjustments.of(merged);
    PromptGuards guards =
        merged == null || !merged.hasPromptGuard()
            ? null
            : compiledGuards.computeIfAbsent(
                merged.getPromptGuard(), g -> PromptGuards.of(merged, guardServices));
    String authority;
    boolean secure;
    if (p.getHostOverride().isEmpty()) {
      authority = kind.adapter().defaultAuthority(p);
      secure = true;
      if (tls == null) {
        tls = BackendTls.getDefaultInstance();
      }
    } else {
      authority = p.getHostOverride();
      secure = tls != null;
    }
    URI base = URI.create((secure ? "https://" : "http://") + authority);
    if (secure) {
      BackendClients.sslContext(tls); // refuse the state now on unreadable certificates
    }
    Backend upstream =
        new Backend(
            backendKey + "/" + p.getName(),
            p.getName(),
            base,
            secure ? clients.secured(tls) : clients.plain(),
            List.copyOf(headers));
    List<ModelPattern> models = p.getModelNamesList().stream().map(ModelPattern::new).toList();
    UpstreamCredentials credentials;
    try {
      credentials = ProviderCredentials.of(kind, p, apiKey, aws, gcp, secrets);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backend " + backendKey + " provider " + p.getName() + ": " + e.getMessage());
    }
    BodyTransformation transformation;
    try {
      transformation = BodyTransformation.of(p.getTransformationMap(), cel);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backend " + backendKey + " provider " + p.getName() + ": " + e.getMessage());
    }
    // Same provider, same address: the next state keeps what was learned about its latency and
    // health.
    String endpointKey = backendKey + "/" + p.getName() + "@" + base;
    return new LlmProvider(
        p,
        kind,
        upstream,
        credentials,
        models,
        adjustments,
        guards,
        endpoints.get(endpointKey, p.getName()),
        ejection(p),
        unhealthyExpression(backendKey, p),
        Math.max(1, p.getWeight()),
        transformation,
        p.getMatchesList().stream()
            .map(
                m ->
                    m.getHeadersList().stream()
                        .map(h -> ValueCondition.of(h.getName(), h.getValue()))
                        .toList())
            .toList());
  }

  /** {@code health.unhealthyExpression}, compiled; null when not set. */
  private CelExpression unhealthyExpression(String backendKey, AiProvider p) {
    String source = p.getHealth().getUnhealthyExpression();
    if (source.isEmpty()) {
      return null;
    }
    try {
      CelExpression expression = guardServices.cel().compile(source);
      if (expression.readsResponseBody()) {
        throw new IllegalArgumentException(
            "cannot read response.body: the answer is judged before its body is read");
      }
      return expression;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backend "
              + backendKey
              + " provider "
              + p.getName()
              + " health.unhealthyExpression: "
              + e.getMessage(),
          e);
    }
  }

  private static EjectionPolicy ejection(AiProvider p) {
    if (!p.hasHealth()) {
      return EjectionPolicy.DEFAULT;
    }
    var health = p.getHealth();
    Duration base =
        health.hasEvictionDuration()
            ? Duration.ofSeconds(
                health.getEvictionDuration().getSeconds(), health.getEvictionDuration().getNanos())
            : EjectionPolicy.DEFAULT.base();
    return EjectionPolicy.of(base, Math.max(1, health.getConsecutiveFailures()));
  }

  /** The YAML name of a backendAuth kind, for errors. */
  private static String kindName(BackendAuth auth) {
    return switch (auth.getKindCase()) {
      case PASSTHROUGH -> "passthrough";
      case LOCATED_KEY -> "key with a location";
      case JWT_SIGN -> "jwtSign";
      case AZURE -> "azure";
      case OAUTH_TOKEN_EXCHANGE -> "oauthTokenExchange";
      case CROSS_APP_ACCESS -> "crossAppAccess";
      case KIND_NOT_SET -> "without a kind";
      default -> auth.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
